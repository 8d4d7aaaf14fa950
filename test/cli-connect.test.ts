import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCP_REMOTE } from '../src/cli/connect.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { cli } from './support/cli.ts';
import { createAgent, fixtureStdio, readyServer, textOf } from './support/mcp.ts';
import { ROOT } from './support/process.ts';

let t: TestApp;
let token: string;
let connect: (client: string) => Promise<Record<string, any>>;
const server = `conn${Date.now().toString(36)}`;

beforeAll(async () => {
  t = await startTestApp();
  await readyServer(t.admin, fixtureStdio(server));
  token = (await createAgent(t.admin, `${server}-bot`, [server])).token;
  const run = cli(mkdtempSync(path.join(os.tmpdir(), 'switchboard-cli-')), { SWITCHBOARD_URL: t.url, SWITCHBOARD_TOKEN: token });
  connect = async (client) => {
    const result = await run(['--json', 'connect', client]);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };
});
afterAll(() => t.stop());

/** Lists and calls a tool through a connected client, as the editor would once configured. */
async function exercise(client: Client) {
  try {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain(`${server}__echo`);
    expect(textOf(await client.callTool({ name: `${server}__echo`, arguments: { text: 'configured' } }))).toBe('configured');
  } finally {
    await client.close();
  }
}

const viaUrl = async (url: string, headers: Record<string, string>) => {
  expect(url).toBe(`${t.url}/mcp`);
  const client = new Client({ name: 'editor-stand-in', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return exercise(client);
};

describe('switchboard connect', () => {
  it('prints a Claude Code command whose URL and header reach the tools', async () => {
    const { command } = await connect('claude-code');
    const match = /^claude mcp add --transport http switchboard (\S+) --header "Authorization: (Bearer \S+)"$/.exec(command);
    expect(match, command).not.toBeNull();
    expect(match![2]).toBe(`Bearer ${token}`);
    await viaUrl(match![1]!, { authorization: match![2]! });
  });

  it('prints VS Code and Cursor configurations that reach the tools', async () => {
    const vscode = (await connect('vscode')).config.servers.switchboard;
    expect(vscode.type).toBe('http');
    await viaUrl(vscode.url, vscode.headers);
    const cursor = (await connect('cursor')).config.mcpServers.switchboard;
    await viaUrl(cursor.url, cursor.headers);
  });

  it('prints a Claude Desktop configuration that runs the pinned mcp-remote and reaches the tools', async () => {
    const desktop = (await connect('claude-desktop')).config.mcpServers.switchboard;
    expect(desktop.command).toBe('npx');
    const [yes, pinned, ...args] = desktop.args as string[];
    expect([yes, pinned]).toEqual(['-y', MCP_REMOTE]);
    // The version the snippet pins is the one installed and tested here.
    const installed = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/mcp-remote/package.json'), 'utf8')).version;
    expect(MCP_REMOTE).toBe(`mcp-remote@${installed}`);
    expect(JSON.stringify(desktop)).toContain(token);

    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [path.join(ROOT, 'node_modules/mcp-remote/dist/proxy.js'), ...args],
      env: { PATH: process.env.PATH!, HOME: mkdtempSync(path.join(os.tmpdir(), 'mcp-remote-home-')), ...desktop.env },
      stderr: 'ignore',
    });
    const client = new Client({ name: 'claude-desktop-stand-in', version: '1.0.0' });
    await client.connect(transport);
    await exercise(client);
  });

  it('issues a named agent a new token for the snippet, and the old one stops working', async () => {
    const old = (await createAgent(t.admin, `${server}-other`, [server])).token;
    const run = cli(mkdtempSync(path.join(os.tmpdir(), 'switchboard-cli-')), { SWITCHBOARD_URL: t.url, SWITCHBOARD_TOKEN: ADMIN_TOKEN });
    const result = await run(['--json', 'connect', 'cursor', '--agent', `${server}-other`]);
    expect(result.code, result.stderr).toBe(0);
    const { url, headers } = JSON.parse(result.stdout).config.mcpServers.switchboard;
    expect(headers.Authorization).not.toBe(`Bearer ${old}`);
    await viaUrl(url, headers);
    await expect(viaUrl(url, { Authorization: `Bearer ${old}` })).rejects.toThrow(/Invalid or expired token/);
  });

  it('refuses an unknown client, naming the known ones', async () => {
    const result = await cli(mkdtempSync(path.join(os.tmpdir(), 'switchboard-cli-')), { SWITCHBOARD_URL: t.url, SWITCHBOARD_TOKEN: token })(['connect', 'notepad']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('BAD_USER_INPUT: unknown client "notepad": one of claude-code, vscode, cursor, claude-desktop');
  });
});
