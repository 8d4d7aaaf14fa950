import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { GraphQLClient } from './graphql.ts';
import { ROOT } from './process.ts';

const require = createRequire(import.meta.url);
export const FIXTURE = path.join(ROOT, 'test/fixtures/fixture-server.ts');
export const EVERYTHING = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');

/** A stdio server entry running our fixture with Node 22 (the test's own runtime). */
export const fixtureStdio = (name: string, extra: Record<string, unknown> = {}) =>
  ({ name, transport: 'STDIO', command: process.execPath, args: [FIXTURE], ...extra });

export const everythingStdio = (name: string) => ({ name, transport: 'STDIO', command: process.execPath, args: [EVERYTHING, 'stdio'] });

export async function registerServer(admin: GraphQLClient, input: Record<string, unknown>): Promise<string> {
  const data = await admin.data(`mutation($i: CreateMcpServerInput!) { createMcpServer(input: $i) { server { id } } }`, { i: input });
  return data.createMcpServer.server.id;
}

export async function validateServer(admin: GraphQLClient, id: string) {
  const data = await admin.data(`mutation($id: ID!) { validateMcpServer(input: { id: $id }) { ok error tools { id name } } }`, { id });
  if (!data.validateMcpServer.ok) throw new Error(`validation failed: ${data.validateMcpServer.error}`);
  return data.validateMcpServer.tools as { id: string; name: string }[];
}

/** Registers, validates and (by default) publishes a server; returns its id and tools by name. */
export async function readyServer(admin: GraphQLClient, input: Record<string, unknown>, publish = true) {
  const id = await registerServer(admin, input);
  const tools = await validateServer(admin, id);
  if (publish) await admin.data(`mutation($id: ID!) { publishMcpServer(input: { id: $id }) { server { status } } }`, { id });
  return { id, tools: Object.fromEntries(tools.map((t) => [t.name, t.id])) as Record<string, string> };
}

export async function createAgent(admin: GraphQLClient, name: string, allowList: string[], token?: string) {
  const data = await admin.data(`mutation($i: CreateAgentInput!) { createAgent(input: $i) { agent { id } token } }`, { i: { name, allowList, token } });
  return { id: data.createAgent.agent.id as string, token: data.createAgent.token as string };
}

/** The official SDK client over Streamable HTTP, as an agent would connect. */
export async function mcpClient(baseUrl: string, token: string, endpoint = '/mcp', headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'switchboard-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}${endpoint}`), {
    requestInit: { headers: { authorization: `Bearer ${token}`, ...headers } },
  }));
  return client;
}

export const textOf = (result: unknown) => ((result as { content: { text?: string }[] }).content[0]?.text ?? '');

/** Starts an HTTP MCP server as its own process and resolves once it listens. */
export function startHttpUpstream(args: string[], readyPattern: RegExp, port: number, env: Record<string, string> = {}): Promise<{ url: string; stop(): void; proc: ChildProcess }> {
  const proc = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`upstream did not start: ${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (readyPattern.test(output)) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${port}/mcp`, proc, stop: () => proc.kill() });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`upstream exited with ${code}: ${output}`)));
  });
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
