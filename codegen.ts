import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: './src/schema/index.ts',
  generates: {
    'schema.graphql': { plugins: ['schema-ast'], config: { includeDirectives: false } },
    // The REST dialects' documents, typed and checked against the schema at build time.
    'src/rest/gql/': {
      preset: 'client',
      documents: ['src/rest/**/*.ts', '!src/rest/gql/**'],
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, importExtension: '.ts', scalars: { DateTime: 'string', JSON: 'unknown' } },
    },
    // The command line's and the declarative configuration's documents: clients of the API like any other.
    'src/client/gql/': {
      preset: 'client',
      documents: ['src/cli/**/*.ts', 'src/declarative/**/*.ts'],
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, importExtension: '.ts', scalars: { DateTime: 'string', JSON: 'unknown' } },
    },
  },
  silent: true,
};

export default config;
