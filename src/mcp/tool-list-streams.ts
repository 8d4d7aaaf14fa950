import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Principal } from '../auth/principal.ts';
import { exhausted, unauthenticated } from '../errors.ts';
import type { AccessWatch } from '../events/access-watch.ts';
import type { StreamQuota } from '../events/stream-quota.ts';
import type { Logger } from '../log.ts';
import type { Visibility } from './call-context.ts';
import type { CatalogCache } from './catalog.ts';
import { failure, RpcCode } from './jsonrpc.ts';
import { listTools } from './tools.ts';

const LIST_CHANGED = `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' })}\n\n`;
const KEEP_ALIVE = ': keep-alive\n\n';

/** One caller's GET stream, as the endpoint authenticated it. */
export interface Listener {
  res: ServerResponse;
  principal: Principal;
  /** The principal cache's ticket taken before the principal was read (see AccessWatch). */
  verifiedAt: number;
  scope: string | null;
  /** What the stream writes: first, on each change of the caller's tools (null: nothing), and last when the server ends it. */
  frames?: StreamFrames;
}

export interface StreamFrames {
  opening?: string;
  changed: string | null;
  closing?: string;
}

const GET_STREAM: StreamFrames = { changed: LIST_CHANGED };

export interface ToolListStreamsParts {
  catalog: CatalogCache;
  accessWatch: AccessWatch;
  quota: StreamQuota;
  keepAliveMs: number;
  log: Logger;
}

/** A client of an instance that is stopping reconnects, to whichever instance takes it. */
function stopping(res: ServerResponse) {
  const body = JSON.stringify(failure(null, RpcCode.InternalError, 'Shutting down: connect again'));
  res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end(body);
}

/** What the caller's tools/list would show, in a few bytes. */
const fingerprint = (view: Visibility, log: Logger) => createHash('sha256').update(JSON.stringify(listTools(view, log).tools)).digest('base64');

/**
 * The open GET streams of /mcp, on which callers hear `notifications/tools/list_changed`. Whatever may
 * change what someone may call (a kill switch, an allow list, a group, a subscription, from any instance)
 * makes the access watch read every stream's credential again: each stream then compares its caller's
 * tools/list with the one it last saw, and says so only when theirs changed. A credential that no longer
 * authenticates ends its stream.
 */
export class ToolListStreams {
  readonly #parts: ToolListStreamsParts;
  readonly #open = new Set<() => void>();
  #closing = false;

  constructor(parts: ToolListStreamsParts) {
    this.#parts = parts;
  }

  /** Answers the request with an event stream held open until the caller, its credential or the app ends it. */
  async open({ res, principal, verifiedAt, scope, frames = GET_STREAM }: Listener): Promise<void> {
    const { catalog, accessWatch, quota, keepAliveMs, log } = this.#parts;
    if (this.#closing) return stopping(res);
    const release = quota.connection(principal.id);
    if (!release) throw exhausted('Too many open connections for this principal: close one first');
    let gone = false;
    res.once('close', () => (gone = true));
    let seen: string;
    try {
      seen = fingerprint({ principal, catalog: await catalog.get(), scope }, log);
    } catch (error) {
      release();
      throw error;
    }
    if (gone || this.#closing) {
      release();
      return gone ? undefined : stopping(res);
    }

    let ended = false;
    let stopWatching = () => {};
    let checks = Promise.resolve();
    const compare = (fresh: Principal) => {
      checks = checks.then(async () => {
        const now = fingerprint({ principal: fresh, catalog: await catalog.get(), scope }, log);
        if (now === seen || ended) return;
        seen = now;
        if (frames.changed) res.write(frames.changed);
      }).catch((error: unknown) => log.warn('tool list check of an MCP stream failed', { error: String(error) }));
    };
    const keepAlive = setInterval(() => res.write(KEEP_ALIVE), keepAliveMs).unref();
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(keepAlive);
      stopWatching();
      release();
      this.#open.delete(end);
      res.end(gone ? undefined : frames.closing);
    };
    this.#open.add(end);
    res.once('close', end);
    // Proxies must pass each event on as it is written.
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
    if (frames.opening) res.write(frames.opening);
    else res.flushHeaders();
    stopWatching = accessWatch.watch({
      credentialId: principal.credentialId,
      verifiedAt,
      credentialExpiresAt: principal.credentialExpiresAt,
      recheck: (fresh) => {
        if (!fresh) return unauthenticated('Credential no longer valid');
        compare(fresh);
        return null;
      },
      end,
    });
  }

  /** Ends every open stream (the app is stopping) and refuses new ones. */
  close(): void {
    this.#closing = true;
    for (const end of [...this.#open]) end();
  }
}
