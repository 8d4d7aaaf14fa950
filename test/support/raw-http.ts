import net from 'node:net';

/**
 * Sends the start of a request (headers, then `sent` bytes of a body declared `declared` bytes long) on
 * a raw socket and closes it before the rest: a client that gives up mid-body. Resolves once closed.
 */
export function abortMidBody(baseUrl: string, path: string, headers: Record<string, string>, sent: string, declared: number): Promise<void> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => {
      const lines = Object.entries({ host: `${hostname}:${port}`, 'content-length': String(declared), ...headers }).map(([k, v]) => `${k}: ${v}`);
      socket.write(`POST ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${sent}`);
      setTimeout(() => socket.destroy(), 50);
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve());
  });
}

/** Writes `head` on a raw socket, then one byte of `trickle` every `everyMs`; resolves with what the server answered and when it closed. */
export function trickle(baseUrl: string, head: string, trickleText: string, everyMs: number): Promise<{ answer: string; closedAfterMs: number }> {
  const { hostname, port } = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve) => {
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(head);
      let at = 0;
      timer = setInterval(() => (at < trickleText.length && !socket.destroyed ? socket.write(trickleText[at++]!) : undefined), everyMs);
    });
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
}
