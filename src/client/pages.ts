interface Connection<Node> {
  edges: { node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** Every node of a connection, page after page: the seeds return whole lists where GraphQL pages. */
export async function everyPage<Node>(page: (after: string | null) => Promise<Connection<Node>>): Promise<Node[]> {
  const nodes: Node[] = [];
  for (let after: string | null = null; ;) {
    const { edges, pageInfo } = await page(after);
    nodes.push(...edges.map((edge) => edge.node));
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) return nodes;
    after = pageInfo.endCursor;
  }
}
