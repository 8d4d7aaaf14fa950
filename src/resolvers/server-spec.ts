import type { SecretBox } from '../auth/secret-box.ts';
import type { McpServer } from '../db/mcp-server.entity.ts';
import type { UpstreamSpec } from './upstream-port.ts';

export interface ServerSecrets {
  env: Record<string, string>;
  headers: Record<string, string>;
}

export const sealServerSecrets = (box: SecretBox, secrets: ServerSecrets) => box.seal(secrets);

export function openServerSecrets(box: SecretBox, server: Pick<McpServer, 'sealedSecrets'>): ServerSecrets {
  return server.sealedSecrets ? box.open<ServerSecrets>(server.sealedSecrets) : { env: {}, headers: {} };
}

/** The spec to reach `server`; for per-user servers the user's own values override the server's. */
export function upstreamSpec(box: SecretBox, server: McpServer, userValues: Record<string, string> = {}): UpstreamSpec {
  const secrets = openServerSecrets(box, server);
  return {
    serverId: server.id,
    name: server.name,
    transport: server.transport,
    isolation: server.isolation,
    command: server.command ?? null,
    args: server.args,
    env: { ...secrets.env, ...userValues },
    url: server.url ?? null,
    headers: secrets.headers,
  };
}
