import type { UpstreamSpec } from '../resolvers/upstream-port.ts';

const LINES = 10;
const REDACTED = '[redacted]';
/** Shorter values would redact ordinary words. */
const MIN_SECRET_LENGTH = 4;

/**
 * The last lines a process wrote to stderr while it was being validated, to say why it failed. The
 * values it was given (env, headers) are redacted: a process that prints its configuration must not
 * hand it to whoever reads the validation error.
 */
export class StderrTail {
  readonly #lines: string[] = [];
  readonly #secrets: string[];

  constructor(spec: UpstreamSpec) {
    this.#secrets = [...Object.values(spec.env), ...Object.values(spec.headers)].filter((v) => v.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  }

  readonly push = (line: string) => {
    this.#lines.push(line);
    if (this.#lines.length > LINES) this.#lines.shift();
  };

  /** `message`, followed by what the process last said, when it said anything. */
  explain(message: string): string {
    if (!this.#lines.length) return message;
    const said = this.#secrets.reduce((text, secret) => text.split(secret).join(REDACTED), this.#lines.join('\n'));
    return `${message}. Its stderr ended with:\n${said}`;
  }
}
