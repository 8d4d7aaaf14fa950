import type { McpServer } from '../db/mcp-server.entity.ts';
import { SPEC_SOURCES, UPSTREAM_AUTH_TYPES, type OpenApiSpec, type UpstreamAuth } from '../db/openapi-spec.entity.ts';
import { Tool } from '../db/tool.entity.ts';
import { createOpenApiServer, openApiSpecOf, refreshOpenApiSpec, replaceOpenApiSpec, setOpenApiEndpoints } from '../resolvers/openapi-servers.ts';
import { setOpenApiAuth } from '../resolvers/openapi-auth.ts';
import { documentBaseUrl } from '../openapi/runtime.ts';
import { mayInspect } from '../resolvers/servers.ts';
import type { InputObjectRef } from '@pothos/core';
import type { Ctx } from '../resolvers/context.ts';
import { builder, type SchemaTypes } from './builder.ts';
import { IdInput, inputMutation } from './common.ts';
import { enumOf } from './enums.ts';
import { McpServerPayload, McpServerRef } from './servers.ts';
import { ToolRef } from './tools.ts';

const SpecSourceEnum = enumOf('OpenApiSpecSource', SPEC_SOURCES, 'upload: given inline; url: fetched by the gateway, refreshable.');
const UpstreamAuthTypeEnum = enumOf('UpstreamAuthType', UPSTREAM_AUTH_TYPES);
const ApiKeyLocationEnum = enumOf('ApiKeyLocation', ['header', 'query', 'cookie'] as const);

const UpstreamAuthRef = builder.objectRef<UpstreamAuth & { hasSecret: boolean }>('UpstreamAuth').implement({
  description: 'How the gateway authenticates to the API. The secret is write-only.',
  fields: (t) => ({
    type: t.field({ type: UpstreamAuthTypeEnum, resolve: (a) => a.type }),
    in: t.field({ type: ApiKeyLocationEnum, nullable: true, resolve: (a) => a.in ?? null }),
    name: t.string({ nullable: true, resolve: (a) => a.name ?? null }),
    username: t.string({ nullable: true, description: 'basic: the user; oauth2_client_credentials: the client id.', resolve: (a) => a.username ?? null }),
    tokenUrl: t.string({ nullable: true, resolve: (a) => a.tokenUrl ?? null }),
    scopes: t.stringList({ resolve: (a) => a.scopes ?? [] }),
    hasSecret: t.exposeBoolean('hasSecret'),
  }),
});

const OpenApiEndpointRef = builder.objectRef<Tool>('OpenApiEndpoint').implement({
  description: 'An operation of the spec and the tool it became.',
  fields: (t) => ({
    toolKey: t.string({ resolve: (tool) => tool.toolKey ?? tool.name }),
    method: t.string({ resolve: (tool) => tool.httpMethod ?? '' }),
    path: t.string({ resolve: (tool) => tool.httpPath ?? '' }),
    enabled: t.exposeBoolean('enabled'),
    tool: t.field({ type: ToolRef, resolve: (tool) => tool }),
  }),
});

type SpecOfServer = { spec: OpenApiSpec; server: McpServer };

const OpenApiSpecRef = builder.objectRef<SpecOfServer>('OpenApiSpec').implement({
  description: 'The OpenAPI document a server was generated from (upgraded to 3.1). How it is reached is shown to operators only.',
  fields: (t) => ({
    source: t.field({ type: SpecSourceEnum, resolve: ({ spec }) => spec.source }),
    url: t.string({ nullable: true, resolve: ({ spec, server }, _args, ctx) => (mayInspect(ctx, server) ? (spec.url ?? null) : null) }),
    fileName: t.string({ nullable: true, resolve: ({ spec }) => spec.fileName ?? null }),
    originalVersion: t.string({ description: 'The version it was written in: 2.0, 3.0 or 3.1.', resolve: ({ spec }) => spec.originalVersion }),
    baseUrl: t.string({
      nullable: true,
      description: 'Where calls go: the override, else the spec’s servers[0] with its variables’ defaults.',
      resolve: ({ spec, server }, _args, ctx) => (mayInspect(ctx, server) ? (spec.baseUrl ?? documentBaseUrl(spec.document, spec.url ?? null)) : null),
    }),
    baseUrlOverride: t.string({ nullable: true, resolve: ({ spec, server }, _args, ctx) => (mayInspect(ctx, server) ? (spec.baseUrl ?? null) : null) }),
    auth: t.field({
      type: UpstreamAuthRef,
      nullable: true,
      resolve: ({ spec, server }, _args, ctx) => (mayInspect(ctx, server) ? { ...spec.auth, hasSecret: spec.auth.type !== 'none' } : null),
    }),
    document: t.field({ type: 'JSON', resolve: ({ spec }) => spec.document }),
    endpoints: t.field({
      type: [OpenApiEndpointRef],
      description: 'Every operation, in path order; `enabled` is the enabled endpoint set.',
      resolve: ({ server }, _args, ctx) => ctx.em.find(Tool, { server: server.id }, { orderBy: { httpPath: 'asc', httpMethod: 'asc' } }),
    }),
    updatedAt: t.field({ type: 'DateTime', resolve: ({ spec }) => spec.updatedAt }),
  }),
});

builder.objectField(McpServerRef, 'openApi', (t) => t.field({
  type: OpenApiSpecRef,
  nullable: true,
  description: 'transport OPENAPI: the spec it was generated from.',
  resolve: async (server, _args, ctx) => {
    const spec = await openApiSpecOf(ctx, server);
    return spec && { spec, server };
  },
}));

builder.objectFields(ToolRef, (t) => ({
  toolKey: t.exposeString('toolKey', { nullable: true, description: 'An OpenAPI operation’s stable key: its operationId, else method and path.' }),
  toolNamingVersion: t.exposeInt('toolNamingVersion', { nullable: true, description: 'The naming rules that made `name` from `toolKey`.' }),
  httpMethod: t.exposeString('httpMethod', { nullable: true }),
  httpPath: t.exposeString('httpPath', { nullable: true }),
}));

const UpstreamAuthInput = builder.inputType('UpstreamAuthInput', {
  fields: (t) => ({
    type: t.field({ type: UpstreamAuthTypeEnum, required: true }),
    in: t.field({ type: ApiKeyLocationEnum, description: 'api_key: where the key goes.' }),
    name: t.string({ description: 'api_key: the header, query parameter or cookie name.' }),
    username: t.string({ description: 'basic: the user; oauth2_client_credentials: the client id.' }),
    tokenUrl: t.string({ description: 'oauth2_client_credentials: the token endpoint.' }),
    scopes: t.stringList(),
    secret: t.string({ description: 'Write-only, sealed: the API key, bearer token, password or client secret.' }),
  }),
});

const specFields = (t: PothosSchemaTypes.InputFieldBuilder<SchemaTypes, 'InputObject'>) => ({
  spec: t.string({ description: 'The document as JSON or YAML text (Swagger 2.0, OpenAPI 3.0 or 3.1). Either this or specUrl.' }),
  fileName: t.string({ description: 'With spec: the name of the file it came from, kept.' }),
  specUrl: t.string({ description: 'Where the gateway fetches the document (under the outbound policy); refreshable.' }),
  baseUrl: t.string({ description: 'Overrides the document’s servers[0].' }),
});

const CreateOpenApiServerInput = builder.inputType('CreateOpenApiServerInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    organizationId: t.id(),
    displayName: t.string(),
    description: t.string(),
    tags: t.stringList(),
    auth: t.field({ type: UpstreamAuthInput }),
    ...specFields(t),
  }),
});

const ReplaceOpenApiSpecInput = builder.inputType('ReplaceOpenApiSpecInput', { fields: (t) => ({ id: t.id({ required: true }), ...specFields(t) }) });
const SetOpenApiAuthInput = builder.inputType('SetOpenApiAuthInput', { fields: (t) => ({ id: t.id({ required: true }), auth: t.field({ type: UpstreamAuthInput, required: true }) }) });
const SetOpenApiEndpointsInput = builder.inputType('SetOpenApiEndpointsInput', {
  fields: (t) => ({ id: t.id({ required: true }), enabled: t.stringList({ required: true, description: 'The toolKeys to expose; every other endpoint is disabled.' }) }),
});

const serverPayload = <I extends object>(name: string, input: InputObjectRef<SchemaTypes, I>, resolve: (ctx: Ctx, input: I) => Promise<McpServer>, description: string) =>
  inputMutation(name, { input, payload: McpServerPayload, description, resolve: async (args, ctx) => ({ server: await resolve(ctx, args) }) });

serverPayload('createOpenApiServer', CreateOpenApiServerInput, createOpenApiServer, 'A server generated from an OpenAPI spec: one tool per operation, called by the gateway. A spec that does not parse or validate is refused with the parser’s messages.');
serverPayload('replaceOpenApiSpec', ReplaceOpenApiSpecInput, replaceOpenApiSpec, 'Replaces the spec and re-imports its tools; operator overrides survive.');
serverPayload('refreshOpenApiSpec', IdInput, refreshOpenApiSpec, 'Fetches a URL-backed spec again and re-imports its tools.');
serverPayload('setOpenApiAuth', SetOpenApiAuthInput, setOpenApiAuth, 'Replaces how the gateway authenticates to the API.');
serverPayload('setOpenApiEndpoints', SetOpenApiEndpointsInput, setOpenApiEndpoints, 'Replaces the enabled endpoint set.');
