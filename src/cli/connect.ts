import type { Command } from 'commander';
import { ApiError } from '../client/api-client.ts';
import { issueAgentToken } from './agents.ts';
import type { Output } from './output.ts';
import { loggedInSession, mcpUrl } from './session-store.ts';

/** The `mcp-remote` release the Claude Desktop snippet runs: pinned, so a new release cannot change what it does. */
export const MCP_REMOTE = 'mcp-remote@0.15.1';

export interface ClientSetup {
  /** Where the snippet goes. */
  where: string;
  /** A shell command to run, or a JSON document to merge into the client's configuration. */
  command?: string;
  config?: Record<string, unknown>;
}

const bearer = (token: string) => `Bearer ${token}`;
/** mcp-remote sends a token over plain HTTP to loopback only, unless told it may. */
const plainRemote = (url: string) => url.startsWith('http:') && !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(url);

/** How each client reaches the gateway: a Streamable HTTP URL and an Authorization header. */
export const CLIENTS: Record<string, (url: string, token: string) => ClientSetup> = {
  'claude-code': (url, token) => ({
    where: 'run in a shell (add --scope project to share it through .mcp.json)',
    command: `claude mcp add --transport http switchboard ${url} --header "Authorization: ${bearer(token)}"`,
  }),
  vscode: (url, token) => ({
    where: '.vscode/mcp.json in your workspace (or "MCP: Open User Configuration")',
    config: { servers: { switchboard: { type: 'http', url, headers: { Authorization: bearer(token) } } } },
  }),
  cursor: (url, token) => ({
    where: '~/.cursor/mcp.json (or .cursor/mcp.json in a project)',
    config: { mcpServers: { switchboard: { url, headers: { Authorization: bearer(token) } } } },
  }),
  // Claude Desktop's own configuration starts local programs only; mcp-remote bridges it to the URL.
  // The header goes through the environment: Claude Desktop on Windows breaks arguments at spaces.
  'claude-desktop': (url, token) => ({
    where: 'claude_desktop_config.json (Settings → Developer → Edit Config), then restart Claude Desktop',
    config: {
      mcpServers: {
        switchboard: { command: 'npx', args: ['-y', MCP_REMOTE, url, '--header', 'Authorization:${SWITCHBOARD_AUTH}', ...(plainRemote(url) ? ['--allow-http'] : [])], env: { SWITCHBOARD_AUTH: bearer(token) } },
      },
    },
  }),
};

export function connectCommand(program: Command, output: Output) {
  program.command('connect <client>').description(`print the setup for ${Object.keys(CLIENTS).join(', ')}, with an agent's token`)
    .option('--agent <name>', 'issue this agent a new token for the snippet (its previous token stops working)')
    .option('--token <token>', 'put this token in the snippet instead (default: the one you are logged in with)')
    .option('--server <name>', 'reach only this server (/mcp/<server>)')
    .action(async (client: string, o: { agent?: string; token?: string; server?: string }) => {
      const setup = Object.hasOwn(CLIENTS, client) ? CLIENTS[client] : undefined;
      if (!setup) throw new ApiError('BAD_USER_INPUT', `unknown client "${client}": one of ${Object.keys(CLIENTS).join(', ')}`);
      const session = loggedInSession();
      const token = o.token ?? (o.agent ? (await issueAgentToken(o.agent)).token : session.token);
      const url = o.server ? `${mcpUrl(session.url)}/${o.server}` : mcpUrl(session.url);
      const snippet = setup(url, token);
      output.done({ client, url, ...snippet }, `# ${snippet.where}\n${snippet.command ?? JSON.stringify(snippet.config, null, 2)}`);
    });
}
