export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [k: string]: unknown } }[];
  headers: Headers;
}

export interface GraphQLClient {
  token: string | null;
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Like `request`, but fails the test on any error and returns `data`. */
  data<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export function graphqlClient(baseUrl: string, token: string | null): GraphQLClient {
  const client: GraphQLClient = {
    token,
    async request(query, variables, headers = {}) {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token && { authorization: `Bearer ${token}` }),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, 'status' | 'headers'>;
      return { ...body, status: response.status, headers: response.headers } as never;
    },
    async data(query, variables) {
      const result = await client.request(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as never;
    },
  };
  return client;
}

/** The `extensions.code` of the first error, or 'OK' when there is none. */
export const codeOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code ?? (result.errors?.length ? 'NO_CODE' : 'OK');
