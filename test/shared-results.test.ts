import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { forbidden } from '../src/errors.ts';
import { shareWithSubscribers } from '../src/events/shared.ts';
import { createLogger } from '../src/log.ts';
import { maskError } from '../src/graphql/mask-error.ts';
import { subscribeShared } from '../src/graphql/shared-results.ts';

interface Payload { text: string; fail?: Error }

/** A subscription that yields these roots; `text` throws the payload's error if it has one. */
function schemaOf(roots: { events: Payload }[]) {
  const event = new GraphQLObjectType({
    name: 'Event',
    fields: {
      text: {
        type: GraphQLString,
        resolve: (payload: Payload) => {
          if (payload.fail) throw payload.fail;
          return payload.text;
        },
      },
    },
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        events: {
          type: event,
          subscribe: async function* () {
            yield* roots;
          },
          resolve: (root: { events: Payload }) => root.events,
        },
      },
    }),
  });
}

async function collect(iterable: unknown): Promise<ExecutionResult[]> {
  const results: ExecutionResult[] = [];
  for await (const result of iterable as AsyncIterable<ExecutionResult>) results.push(result);
  return results;
}

describe('subscription results', () => {
  const logged: string[] = [];
  const mask = maskError(createLogger('error', (line) => logged.push(line)));
  const document = parse('subscription { events { text } }');

  it('are computed and masked once per operation for a shared payload, and every subscriber gets that result', async () => {
    const roots = [{ text: 'hello' }, { text: 'boom', fail: new Error('connection string postgres://secret') }].map((events) => ({ events }));
    roots.forEach(shareWithSubscribers);
    const schema = schemaOf(roots);
    const [first, second] = await Promise.all([1, 2].map(async () => collect(await subscribeShared({ schema, document }, mask))));
    expect(first![0]).toEqual({ data: { events: { text: 'hello' } } });
    expect(first![1]!.errors![0]!.toJSON()).toEqual({ message: 'Unexpected error.', path: ['events', 'text'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(second![0]).toBe(first![0]);
    expect(second![1]).toBe(first![1]);
    expect(logged.filter((line) => line.includes('postgres://secret'))).toHaveLength(1);
  });

  it('keep the code and message of errors meant for clients, also for payloads nobody shares', async () => {
    const [result] = await collect(await subscribeShared({ schema: schemaOf([{ events: { text: 'x', fail: forbidden('Access to the audit log changed') } }]), document }, mask));
    expect(result!.errors!.map((error) => error.toJSON())).toEqual([
      { message: 'Access to the audit log changed', locations: [{ line: 1, column: 25 }], path: ['events', 'text'], extensions: { code: 'FORBIDDEN' } },
    ]);
  });
});
