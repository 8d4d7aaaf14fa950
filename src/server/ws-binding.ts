import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../log.ts';

export interface SocketExtra {
  socket: WebSocket;
  request: IncomingMessage;
}

const KEEP_ALIVE_MS = 12_000;
/** A send waits for its write once this much is queued for the kernel: slow readers hold their producers back. */
const HIGH_WATER_BYTES = 1 << 20;

/**
 * graphql-ws on a `ws` server, as graphql-ws/use/ws does it, except for writing: the messages sent to
 * one socket during one turn of the event loop leave in one system call (the socket is corked until the
 * turn's microtasks are done), and a send resolves at once unless the socket is backed up. Measured on
 * audit fan-out, one write per message per socket was the largest cost; subscribers behind on several
 * events now get them in one write.
 */
export function serveGraphQLOverWebSocket<P extends Record<string, unknown> | undefined>(
  options: ServerOptions<P, SocketExtra>,
  wss: WebSocketServer,
  log: Logger,
): void {
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  wss.on('error', (error) => log.error('websocket server error', { error: String(error) }));
  wss.on('connection', (socket, request) => {
    const tcp = request.socket;
    let corked = false;
    const uncork = () => {
      corked = false;
      tcp.uncork();
    };
    const fail = (error: unknown) => {
      log.error('graphql-ws socket error', { error: (error as Error)?.stack ?? String(error) });
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    };
    socket.once('error', fail);

    let pongWait: NodeJS.Timeout | undefined;
    const keepAlive = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), KEEP_ALIVE_MS);
      socket.once('pong', () => clearTimeout(pongWait));
      socket.ping();
    }, KEEP_ALIVE_MS);

    const closed = server.opened(
      {
        protocol: socket.protocol,
        send(data) {
          if (socket.readyState !== socket.OPEN) return;
          if (!corked) {
            corked = true;
            tcp.cork();
            process.nextTick(uncork);
          }
          if (socket.bufferedAmount < HIGH_WATER_BYTES) return void socket.send(data);
          return new Promise<void>((resolve, reject) => socket.send(data, (error) => (error ? reject(error) : resolve())));
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', async (message) => {
            try {
              await handle(String(message));
            } catch (error) {
              fail(error);
            }
          }),
      },
      { socket, request },
    );

    socket.once('close', (code, reason) => {
      clearTimeout(pongWait);
      clearInterval(keepAlive);
      void closed(code, String(reason));
    });
  });
}
