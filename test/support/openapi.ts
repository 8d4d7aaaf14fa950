import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unique } from './fixtures.ts';
import type { GraphQLClient } from './graphql.ts';
import { ROOT } from './process.ts';

const fixture = (name: string) => readFileSync(path.join(ROOT, 'test/fixtures/openapi', name), 'utf8');
export const PETSTORE = fixture('petstore-2.0.yaml');
/** Our own 3.1 document, its servers[0] pointing at the test API. */
export const labSpec = (origin: string) => fixture('lab-3.1.yaml').replaceAll('__PORT__', new URL(origin).port);

export const CREATE_OPENAPI = `mutation($i: CreateOpenApiServerInput!) { createOpenApiServer(input: $i) { server { id name status transport toolCount } } }`;
export const TOOLS = `query($id: ID!) { mcpServer(id: $id) { tools(first: 200) { edges { node { id name toolKey toolNamingVersion httpMethod httpPath enabled displayName instructions description inputSchema } } } } }`;

/** A server name the suite has not used. */
export const serverName = (prefix: string) => unique(prefix).toLowerCase().replaceAll('_', '-');

export async function createOpenApiServer(admin: GraphQLClient, input: Record<string, unknown>) {
  const data = await admin.data(CREATE_OPENAPI, { i: { name: serverName('api'), ...input } });
  return data.createOpenApiServer.server as { id: string; name: string; status: string; transport: string; toolCount: number };
}

export async function toolsOf(admin: GraphQLClient, id: string) {
  const data = await admin.data(TOOLS, { id });
  return (data.mcpServer.tools.edges as { node: Record<string, any> }[]).map((e) => e.node);
}
