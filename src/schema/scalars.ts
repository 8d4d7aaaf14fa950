import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.ts';
import { ErrorCode } from '../errors.ts';

function parseDate(value: unknown): Date {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new GraphQLError('DateTime must be an ISO 8601 date-time with a time zone', {
    extensions: { code: ErrorCode.BAD_USER_INPUT },
  });
}

builder.scalarType('DateTime', {
  description: 'An ISO 8601 date-time in UTC, such as 2026-11-23T17:34:33.000Z.',
  serialize: (value) => (value as Date).toISOString(),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('JSON', {
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
});
