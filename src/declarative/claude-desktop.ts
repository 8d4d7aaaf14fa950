import type { Declaration, DeclaredServer, Path, Secret } from './model.ts';
import type { Problems } from './problems.ts';
import { serverName, type DesktopFile } from './schema.ts';

/** A server name from a free-text label ("Brave Search" → brave-search), or null when nothing of it fits. */
export function serverNameFrom(label: string): string | null {
  const name = label.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/_{2,}/g, '_')
    .replace(/^[-_]+|[-_]+$/g, '').slice(0, 40).replace(/[-_]+$/, '');
  return serverName.safeParse(name).success ? name : null;
}

// What people have in this file are literal values: taken as secrets and sealed, as `servers add --env` does.
const literal = (values: Record<string, string> | undefined): Secret[] | undefined =>
  values && Object.entries(values).map(([name, value]) => ({ name, value, fromEnv: null }));

/**
 * Claude Desktop's `mcpServers` as servers of one organization: `command` entries run over stdio, `url`
 * entries are Streamable HTTP (SSE with `"type": "sse"`). Its other settings are the app's, not ours.
 */
export function fromDesktop(file: DesktopFile, options: { file: string; organization: string; problems: Problems }): Pick<Declaration, 'servers' | 'warnings'> {
  const { organization, problems } = options;
  const servers: DeclaredServer[] = [];
  const renamed: string[] = [];
  const labels = new Map<string, string>();
  for (const [label, entry] of Object.entries(file.mcpServers)) {
    const path: Path = ['mcpServers', label];
    const name = serverNameFrom(label);
    if (!name) {
      problems.add(path, 'no server name can be made of this key: use lowercase letters, digits and "-"');
      continue;
    }
    if (labels.has(name)) {
      problems.add(path, `would be named ${name}, as "${labels.get(name)}" is`);
      continue;
    }
    labels.set(name, label);
    if (name !== label) renamed.push(`"${label}" is named ${name}`);
    const remote = entry.url !== undefined;
    if ((entry.type === 'stdio') === remote && entry.type !== undefined) problems.add([...path, 'type'], remote ? 'stdio needs a command, not a url' : `${entry.type} needs a url, not a command`);
    if (remote && (entry.env || entry.args)) problems.add([...path, entry.env ? 'env' : 'args'], 'only for command servers');
    if (!remote && entry.headers) problems.add([...path, 'headers'], 'only for url servers');
    servers.push({
      path, organization, name,
      transport: remote ? (entry.type === 'sse' ? 'SSE' : 'STREAMABLE_HTTP') : 'STDIO',
      ...(remote ? { url: entry.url } : { command: entry.command, args: entry.args ?? [] }),
      env: literal(entry.env), headers: literal(entry.headers),
    });
  }
  const sealed = servers.flatMap((s) => [...(s.env ?? []), ...(s.headers ?? [])].map((secret) => `${s.name}.${secret.name}`));
  const ignored = Object.keys(file).filter((key) => key !== 'mcpServers');
  return {
    servers,
    warnings: [
      `${options.file} is a Claude Desktop configuration: its ${servers.length} server${servers.length === 1 ? '' : 's'} go to organization ${organization}`,
      ...(sealed.length ? [`the values written in it are taken as secrets and sealed at the gateway, never shown again: ${sealed.join(', ')}`] : []),
      ...renamed,
      ...(ignored.length ? [`its other settings are Claude Desktop's, not the gateway's: ignored (${ignored.join(', ')})`] : []),
    ],
  };
}
