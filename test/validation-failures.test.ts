import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { unique } from './support/fixtures.ts';
import { registerServer } from './support/mcp.ts';

/** Validating a server that fails says why, and one that never answers fails within the validation timeout. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ SWITCHBOARD_VALIDATION_TIMEOUT_MS: '1500' });
});
afterAll(() => t.stop());

const validate = async (id: string) =>
  (await t.admin.data(`mutation($id: ID!) { validateMcpServer(input: { id: $id }) { ok error server { validationError } } }`, { id })).validateMcpServer;

describe('validating a stdio server', () => {
  it('that exits reports the last lines of its stderr, with the values it was given redacted', async () => {
    const script = "console.error('starting with token ' + process.env.API_TOKEN); console.error('fatal: cannot reach the API'); process.exit(3)";
    const id = await registerServer(t.admin, { name: unique('crashes'), transport: 'STDIO', command: process.execPath, args: ['-e', script], env: [{ name: 'API_TOKEN', value: 'tok-very-secret-123' }] });
    const result = await validate(id);
    expect(result.ok).toBe(false);
    expect(result.error).toContain('Its stderr ended with:');
    expect(result.error).toContain('fatal: cannot reach the API');
    expect(result.error).toContain('starting with token [redacted]');
    expect(result.error).not.toContain('tok-very-secret-123');
    expect(result.server.validationError).toBe(result.error);
  });

  it('that never answers initialize fails within the validation timeout, not the tool timeout', async () => {
    const id = await registerServer(t.admin, { name: unique('silent'), transport: 'STDIO', command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'] });
    const result = await validate(id);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/timed out|timeout/i);
  }, 20_000);
});
