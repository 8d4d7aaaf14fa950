import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { presentedCredential, type PresentedCredential } from '../auth/presented.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { clientAddress } from './client-address.ts';
import { readBody } from './request-body.ts';
import { errorHeaders, HTTP_STATUS } from './status.ts';

type HeaderGetter = (name: string) => string | null | undefined;

/** A request's headers by name, as one value each. */
export const headersOf = (req: IncomingMessage): HeaderGetter => (name) => req.headers[name] as string | undefined;

/** A request's path, without its query string. */
export const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0] ?? '/';

/** One HTTP request as every door sees it once the edge has let it in. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  /** The path, without its query string. */
  path: string;
  correlationId: string;
  remoteAddress: string | null;
  /** `X-Client-Label`: how the audit log names the client, when it is short enough to be a name. */
  clientLabel: string | null;
  credential: PresentedCredential | null;
  /**
   * The body, read once and bounded by the route's limit (or a lower one the door sets per request);
   * null when there is none to act on: a body over the limit has been answered (413), and a client that
   * left mid-body has nobody to answer.
   */
  body(limit?: number): Promise<Buffer | null>;
  /** Answers an error in the route's own shape, with the status (and headers) of its code. */
  fail(error: AppError): void;
}

export interface ExchangeOptions {
  trustedProxies: readonly string[];
  bodyLimit: number;
  cookies: boolean;
  errorBody: (error: AppError) => unknown;
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The caller's correlation id when it is a safe one, else a new one. */
export function correlationIdOf(header: HeaderGetter): string {
  const given = header('x-correlation-id') ?? header('x-request-id');
  return given && SAFE_ID.test(given) ? given : `corr_${randomUUID()}`;
}

const requestIds = new WeakMap<IncomingMessage, string>();

/** One correlation id per HTTP request, whichever part of the server asks for it. */
export function correlationIdOfRequest(req: IncomingMessage): string {
  let id = requestIds.get(req);
  if (!id) requestIds.set(req, (id = correlationIdOf(headersOf(req))));
  return id;
}

export const clientLabelOf = (header: HeaderGetter): string | null => {
  const label = header('x-client-label');
  return label && label.length <= 100 ? label : null;
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)), ...headers }).end(json);
}

export function createExchange(req: IncomingMessage, res: ServerResponse, options: ExchangeOptions): Exchange {
  const header = headersOf(req);
  let read: Promise<Buffer | null> | undefined;
  let bodyRead = req.method === 'GET' || req.method === 'HEAD';
  const exchange: Exchange = {
    req,
    res,
    path: pathOf(req),
    correlationId: correlationIdOfRequest(req),
    remoteAddress: clientAddress(req, options.trustedProxies),
    clientLabel: clientLabelOf(header),
    credential: presentedCredential({ header, cookies: options.cookies }),
    body: (limit = options.bodyLimit) => (read ??= readBody(req, Math.min(limit, options.bodyLimit)).then((outcome) => {
      if (outcome.ok) {
        bodyRead = true;
        return outcome.body;
      }
      if (outcome.status === null) res.destroy();
      else exchange.fail(new AppError(ErrorCode.PAYLOAD_TOO_LARGE, outcome.message));
      return null;
    })),
    fail(error) {
      // A body left unread cannot be skipped on a kept-alive connection.
      const close: Record<string, string> = bodyRead ? {} : { connection: 'close' };
      sendJson(res, HTTP_STATUS[error.code], options.errorBody(error), { ...errorHeaders(error), ...close });
    },
  };
  return exchange;
}
