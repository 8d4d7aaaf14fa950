const shared = new WeakSet<object>();

/**
 * Marks a payload that is handed to many subscribers at once, such as an audit event read by the feed:
 * a subscription's result for it may be computed once per query and shared (src/graphql/shared-results.ts).
 * Only for payloads whose GraphQL fields resolve from the payload alone, never from the context.
 */
export function shareWithSubscribers(payload: object): void {
  shared.add(payload);
}

export function isShared(payload: unknown): payload is object {
  return typeof payload === 'object' && payload !== null && shared.has(payload);
}
