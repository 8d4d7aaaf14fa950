import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Logger } from '../log.ts';
import type { DiscoveredTool, UpstreamSpec } from '../resolvers/upstream-port.ts';
import { VERSION } from '../server/health.ts';
import { HttpClientTransport } from './http-transport.ts';

function transportFor(spec: UpstreamSpec, log: Logger): Transport {
  if (spec.transport === 'stdio') {
    const transport = new StdioClientTransport({
      command: spec.command!,
      args: spec.args,
      // Only the safe defaults of our own environment (PATH, HOME…), never our secrets.
      env: { ...getDefaultEnvironment(), ...spec.env },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => log.debug('upstream stderr', { server: spec.name, text: chunk.toString().slice(0, 2_000) }));
    return transport;
  }
  const requestInit = { headers: spec.headers };
  const url = new URL(spec.url!);
  return spec.transport === 'sse' ? new SSEClientTransport(url, { requestInit }) : new HttpClientTransport(url, spec.headers);
}

/** A connected SDK client for one upstream. The caller's own credentials never reach it: only the spec's. */
export async function connect(spec: UpstreamSpec, options: { log: Logger; timeoutMs: number }): Promise<Client> {
  const client = new Client({ name: 'switchboard', version: VERSION }, { capabilities: {} });
  try {
    await client.connect(transportFor(spec, options.log), { timeout: options.timeoutMs });
  } catch (error) {
    await client.close().catch(() => {});
    throw new Error(`Could not connect to "${spec.name}": ${(error as Error).message}`, { cause: error });
  }
  return client;
}

/** Every tool the upstream lists, following pagination. */
export async function listAllTools(client: Client, timeoutMs: number): Promise<DiscoveredTool[]> {
  const tools: DiscoveredTool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : undefined, { timeout: timeoutMs });
    for (const t of page.tools) {
      tools.push({
        name: t.name,
        title: t.title,
        description: t.description,
        inputSchema: t.inputSchema as Record<string, unknown>,
        outputSchema: t.outputSchema as Record<string, unknown> | undefined,
        annotations: t.annotations as Record<string, unknown> | undefined,
      });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}
