import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.switchboard/', 'scratch/', 'src/rest/gql/', 'src/client/gql/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  { files: ['test/**', 'bench/**', 'src/main.ts'], rules: { 'no-console': 'off' } },
  // Written by `npm run migration:create`, which escapes the `$$` of function bodies.
  { files: ['migrations/**'], rules: { 'no-useless-escape': 'off' } },
  // Test clients read loosely typed GraphQL responses.
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
