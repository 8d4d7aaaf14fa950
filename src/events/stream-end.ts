import { unauthenticated } from '../errors.ts';

/** The last item of a subscription's stream that ends with an error; its field resolver throws it. */
export class StreamEnd {
  readonly error: Error;
  constructor(error: Error) {
    this.error = error;
  }
}

/** A stream's item as its field resolves it: the payload, or the error that ends the stream, thrown. */
export function payloadOrThrow<T>(item: T | StreamEnd): T {
  if (item instanceof StreamEnd) throw item.error;
  return item;
}

const MAX_TIMER_MS = 2_147_483_647;

/** Calls `end` with UNAUTHENTICATED when a credential expires (at once if it has); returns a cancel function. */
export function onCredentialExpiry(expiresAt: Date | null, end: (error: Error) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    if (!expiresAt) return;
    const left = expiresAt.getTime() - Date.now();
    if (left <= 0) return end(unauthenticated('Credential expired'));
    // Timers cap at about 24.8 days: a later expiry is armed again when that one fires.
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS)).unref();
  };
  arm();
  return () => clearTimeout(timer);
}
