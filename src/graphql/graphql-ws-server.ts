import type { IncomingMessage } from 'node:http';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { CloseCode, GRAPHQL_TRANSPORT_WS_PROTOCOL, handleProtocols, MessageType, parseMessage, stringifyMessage, type Message, type SubscribePayload } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../log.ts';
import { ErrorCode } from '../errors.ts';

export interface Connection {
  request: IncomingMessage;
  /** The payload of `connection_init`. */
  params: Record<string, unknown> | undefined;
}

export type OperationResult = ExecutionResult | AsyncIterable<ExecutionResult>;

export interface GraphQLWsHandlers {
  /** `connection_init`: a refusal closes the connection (4403) with its reason. */
  connect(connection: Connection): Promise<{ refused: string } | null>;
  /** The socket closed, after `connect` accepted it. */
  disconnected(connection: Connection): void;
  /** `subscribe`: the errors to answer with, or the operation to run. */
  operation(connection: Connection, payload: SubscribePayload): Promise<readonly GraphQLError[] | (() => Promise<OperationResult>)>;
  /** What a client may see of an error that ended a subscription. */
  mask(error: unknown): GraphQLError;
}

const INIT_TIMEOUT_MS = 3_000;
const KEEP_ALIVE_MS = 12_000;
/** A send waits for its write once this much is queued for the kernel: slow readers hold their producers back. */
const HIGH_WATER_BYTES = 1 << 20;

/** Results shared by many subscribers (see shared-results.ts) are serialised once, not once per socket. */
const serialized = new WeakMap<ExecutionResult, string>();
function payloadOf(result: ExecutionResult): string {
  let json = serialized.get(result);
  if (json === undefined) serialized.set(result, (json = JSON.stringify(result)));
  return json;
}

interface Operation {
  /** Set once a subscription's stream is open, so that `complete` or a closed socket can end it. */
  iterator: AsyncIterator<ExecutionResult> | null;
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<ExecutionResult> => typeof (value as AsyncIterable<unknown>)?.[Symbol.asyncIterator] === 'function';

/**
 * The graphql-transport-ws protocol on one socket. Messages are read and written with graphql-ws's
 * own codec, so their shapes and close codes are the library's. The socket is corked for the rest of
 * the turn on each write, so a subscriber behind on several events gets them in one system call.
 */
class GraphQLWsConnection {
  readonly #socket: WebSocket;
  readonly #handlers: GraphQLWsHandlers;
  readonly #connection: Connection;
  /** By id; each subscribe gets an entry of its own, so a `complete` and a new subscribe with the same id never meet the old run. */
  readonly #operations = new Map<string, Operation>();
  readonly #maxOperations: number;
  #initReceived = false;
  #acknowledged = false;
  #socketClosed = false;
  #corked = false;

  constructor(socket: WebSocket, request: IncomingMessage, handlers: GraphQLWsHandlers, maxOperations: number) {
    this.#socket = socket;
    this.#handlers = handlers;
    this.#maxOperations = maxOperations;
    this.#connection = { request, params: undefined };
  }

  async receive(data: string): Promise<void> {
    let message: Message;
    try {
      message = parseMessage(data);
    } catch {
      return this.#close(CloseCode.BadRequest, 'Invalid message received');
    }
    switch (message.type) {
      case MessageType.ConnectionInit:
        if (this.#initReceived) return this.#close(CloseCode.TooManyInitialisationRequests, 'Too many initialisation requests');
        this.#initReceived = true;
        this.#connection.params = message.payload ?? undefined;
        {
          const refusal = await this.#handlers.connect(this.#connection);
          if (refusal) return this.#close(CloseCode.Forbidden, refusal.refused);
        }
        // The client may have hung up while it was being authenticated: what `connect` took goes back.
        if (this.#socketClosed) return this.#handlers.disconnected(this.#connection);
        this.#acknowledged = true;
        return this.#send(stringifyMessage({ type: MessageType.ConnectionAck }));
      case MessageType.Ping:
        return this.#send(stringifyMessage(message.payload ? { type: MessageType.Pong, payload: message.payload } : { type: MessageType.Pong }));
      case MessageType.Pong:
        return;
      case MessageType.Subscribe:
        if (!this.#acknowledged) return this.#close(CloseCode.Unauthorized, 'Unauthorized');
        if (this.#operations.has(message.id)) return this.#close(CloseCode.SubscriberAlreadyExists, `Subscriber for ${message.id} already exists`);
        if (this.#operations.size >= this.#maxOperations) {
          const error = new GraphQLError(`At most ${this.#maxOperations} operations at once on one connection`, { extensions: { code: ErrorCode.RESOURCE_EXHAUSTED } });
          return this.#send(stringifyMessage({ id: message.id, type: MessageType.Error, payload: [error.toJSON()] }));
        }
        {
          const operation: Operation = { iterator: null };
          this.#operations.set(message.id, operation);
          return this.#run(message.id, message.payload, operation);
        }
      case MessageType.Complete: {
        const operation = this.#operations.get(message.id);
        this.#operations.delete(message.id);
        await operation?.iterator?.return?.();
        return;
      }
      default:
        return this.#close(CloseCode.BadRequest, `Unexpected message of type ${message.type} received`);
    }
  }

  /** Initialisation must come first and soon. */
  expectInit(): NodeJS.Timeout {
    return setTimeout(() => this.#initReceived || this.#close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout'), INIT_TIMEOUT_MS);
  }

  /** The socket closed: every running operation is ended. */
  async closed(): Promise<void> {
    this.#socketClosed = true;
    if (this.#acknowledged) this.#handlers.disconnected(this.#connection);
    const running = [...this.#operations.values()];
    this.#operations.clear();
    await Promise.all(running.map((operation) => operation.iterator?.return?.()));
  }

  async #run(id: string, payload: SubscribePayload, operation: Operation) {
    const current = () => this.#operations.get(id) === operation;
    const finish = () => current() && this.#operations.delete(id);
    const prepared = await this.#handlers.operation(this.#connection, payload);
    if (!current()) return;
    if (typeof prepared !== 'function') {
      finish();
      return this.#send(stringifyMessage({ id, type: MessageType.Error, payload: prepared.map((error) => error.toJSON()) }));
    }
    const result = await prepared();
    const prefix = `{"id":${JSON.stringify(id)},"type":"${MessageType.Next}","payload":`;
    if (!isAsyncIterable(result)) {
      if (current()) await this.#send(`${prefix}${payloadOf(result)}}`);
    } else {
      const iterator = result[Symbol.asyncIterator]();
      if (!current()) return void (await iterator.return?.());
      operation.iterator = iterator;
      try {
        for (let item = await iterator.next(); !item.done && current(); item = await iterator.next()) {
          const backedUp = this.#send(`${prefix}${payloadOf(item.value)}}`);
          if (backedUp) await backedUp;
        }
      } catch (error) {
        if (!finish()) return;
        return this.#send(stringifyMessage({ id, type: MessageType.Error, payload: [this.#handlers.mask(error).toJSON()] }));
      }
    }
    if (finish()) await this.#send(stringifyMessage({ id, type: MessageType.Complete }));
  }

  #send(data: string): Promise<void> | void {
    const socket = this.#socket;
    if (socket.readyState !== socket.OPEN) return;
    if (!this.#corked) {
      this.#corked = true;
      const tcp = this.#connection.request.socket;
      tcp.cork();
      process.nextTick(() => {
        this.#corked = false;
        tcp.uncork();
      });
    }
    if (socket.bufferedAmount < HIGH_WATER_BYTES) return void socket.send(data);
    return new Promise<void>((resolve, reject) => socket.send(data, (error) => (error ? reject(error) : resolve())));
  }

  #close(code: number, reason: string) {
    this.#socket.close(code, reason);
  }
}

/** Serves graphql-transport-ws on a `ws` server, with keep-alive pings. */
export function serveGraphQLOverWebSocket(wss: WebSocketServer, handlers: GraphQLWsHandlers, log: Logger, maxOperations: number): void {
  wss.options.handleProtocols = handleProtocols;
  wss.on('error', (error) => log.error('websocket server error', { error: String(error) }));
  wss.on('connection', (socket, request) => {
    if (socket.protocol !== GRAPHQL_TRANSPORT_WS_PROTOCOL) return socket.close(CloseCode.SubprotocolNotAcceptable, 'Subprotocol not acceptable');
    const connection = new GraphQLWsConnection(socket, request, handlers, maxOperations);
    const initTimer = connection.expectInit();
    const fail = (error: unknown) => {
      log.error('graphql-ws socket error', { error: (error as Error)?.stack ?? String(error) });
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    };
    socket.on('error', fail);
    socket.on('message', (data) => connection.receive(String(data)).catch(fail));

    let pongWait: NodeJS.Timeout | undefined;
    const keepAlive = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), KEEP_ALIVE_MS);
      socket.once('pong', () => clearTimeout(pongWait));
      socket.ping();
    }, KEEP_ALIVE_MS);

    socket.once('close', () => {
      clearTimeout(initTimer);
      clearTimeout(pongWait);
      clearInterval(keepAlive);
      connection.closed().catch(fail);
    });
  });
}
