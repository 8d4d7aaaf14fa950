import type { AuthDiscovery, AuthProbe, DeclaredScheme } from '../openapi/auth-discovery.ts';
import { discoverOpenApiAuth } from '../resolvers/openapi-auth.ts';
import { builder } from './builder.ts';
import { IdInput, inputMutation } from './common.ts';

const DeclaredSchemeRef = builder.objectRef<DeclaredScheme>('OpenApiSecurityScheme').implement({
  description: 'A security scheme the spec declares.',
  fields: (t) => ({
    name: t.exposeString('name'),
    type: t.exposeString('type', { description: 'apiKey, http, oauth2, openIdConnect or mutualTLS.' }),
    in: t.exposeString('in', { nullable: true, description: 'apiKey: header, query or cookie.' }),
    paramName: t.exposeString('paramName', { nullable: true, description: 'apiKey: the header, query parameter or cookie name.' }),
    scheme: t.exposeString('scheme', { nullable: true, description: 'http: bearer, basic…' }),
    tokenUrl: t.exposeString('tokenUrl', { nullable: true }),
    scopes: t.exposeStringList('scopes'),
    operations: t.exposeInt('operations', { description: 'How many operations require it.' }),
  }),
});

const AuthProbeRef = builder.objectRef<AuthProbe>('OpenApiAuthProbe').implement({
  description: 'One request to the API without credentials, and what it answered.',
  fields: (t) => ({
    method: t.exposeString('method'),
    url: t.exposeString('url'),
    status: t.exposeInt('status', { nullable: true }),
    authenticate: t.exposeString('authenticate', { nullable: true, description: 'The WWW-Authenticate challenge, as it came.' }),
    error: t.exposeString('error', { nullable: true, description: 'Why the API could not be reached.' }),
  }),
});

const AuthDiscoveryRef = builder.objectRef<AuthDiscovery>('OpenApiAuthDiscovery').implement({
  fields: (t) => ({
    schemes: t.field({ type: [DeclaredSchemeRef], resolve: (d) => d.schemes }),
    required: t.exposeBoolean('required', { description: 'Whether the spec says any operation needs credentials.' }),
    probe: t.field({ type: AuthProbeRef, nullable: true, description: 'Null when the server has no base URL.', resolve: (d) => d.probe }),
  }),
});

inputMutation('discoverOpenApiAuth', {
  input: IdInput,
  payload: builder.simpleObject('DiscoverOpenApiAuthPayload', { fields: (t) => ({ discovery: t.field({ type: AuthDiscoveryRef }) }) }),
  description: 'What the API requires: the spec’s security schemes, and a probe of the API without credentials (401 and WWW-Authenticate). Changes nothing.',
  resolve: async (input, ctx) => ({ discovery: await discoverOpenApiAuth(ctx, input) }),
});
