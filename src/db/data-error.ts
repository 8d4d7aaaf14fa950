/**
 * PostgreSQL's data and integrity errors (SQLSTATE classes 22 and 23): what the data itself causes, so it
 * fails again however often it is retried, and is the writer's input to refuse rather than a fault of ours.
 */
export const isDataError = (error: unknown) =>
  /^2[23]/.test(String((error as { code?: unknown } | null)?.code ?? (error as { sqlState?: unknown } | null)?.sqlState ?? ''));
