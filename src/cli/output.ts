import { ApiError } from '../client/api-client.ts';

/** How a command shows what it did: a line or a table for people, one JSON document with `--json`. */
export interface Output {
  readonly json: boolean;
  /** The command's result: `human` is printed unless `--json`, where `value` is. */
  done(value: unknown, human: string): void;
  /** Rows under a header, each row as the object itself under `--json`. */
  table<Row extends Record<string, unknown>>(rows: Row[], columns: (keyof Row & string)[]): void;
  /** One event of a stream: a JSON line under `--json`. */
  line(value: unknown, human: string): void;
}

const cell = (value: unknown) => (value === null || value === undefined ? '-' : Array.isArray(value) ? value.join(',') || '-' : String(value));

export function output(json: () => boolean, write: (text: string) => void = (text) => process.stdout.write(text)): Output {
  return {
    get json() {
      return json();
    },
    done: (value, human) => write(json() ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`),
    line: (value, human) => write(json() ? `${JSON.stringify(value)}\n` : `${human}\n`),
    table(rows, columns) {
      if (json()) return write(`${JSON.stringify(rows, null, 2)}\n`);
      const cells = rows.map((row) => columns.map((column) => cell(row[column])));
      const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((row) => row[i]!.length)));
      const format = (values: string[]) => values.map((value, i) => value.padEnd(widths[i]!)).join('  ').trimEnd();
      write(`${[format(columns.map((c) => c.toUpperCase())), ...cells.map(format)].join('\n')}\n`);
    },
  };
}

/** A failed command's one line on stderr, `CODE: message`, and the JSON form of it under `--json`. */
export function failureText(error: unknown, json: boolean): string {
  const code = error instanceof ApiError ? error.code : 'ERROR';
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return json ? `${JSON.stringify({ error: { code, message } })}\n` : `switchboard: ${code}: ${message}\n`;
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
