/** The media types a request accepts, in the order yoga reads them: last listed first, utf-8 only. */
function acceptedTypes(accept = '*/*'): [string, string][] {
  const types: [string, string][] = [];
  for (const entry of accept.replace(/\s/g, '').toLowerCase().split(',').reverse()) {
    const [asked = '', ...params] = entry.split(';');
    if ((params.find((param) => param.includes('charset=')) ?? 'charset=utf-8') !== 'charset=utf-8') continue;
    const [type = '', subtype = ''] = asked.split('/');
    types.push([type, subtype]);
  }
  return types;
}

const matches = ([type, subtype]: [string, string], offered: string) => {
  const [main, sub] = offered.split('/');
  return (type === '*' || type === main) && (subtype === '*' || subtype === sub);
};

const RESULT_TYPES = ['application/graphql-response+json', 'application/json'] as const;

/**
 * The type yoga gives a single result for this Accept header, or null when it would not give JSON: the
 * first listed type that a JSON type matches wins, and q-values are not weighed.
 */
export function jsonResponseType(accept?: string): string | null {
  let chosen: string | null = null;
  for (const asked of acceptedTypes(accept)) for (const type of RESULT_TYPES) if (matches(asked, type)) chosen = type;
  return chosen;
}

/** Whether a subscription over HTTP may be answered with a stream of server-sent events. */
export const acceptsEventStream = (accept?: string) => acceptedTypes(accept).some((asked) => matches(asked, 'text/event-stream'));
