import { readFileSync } from 'node:fs';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { readyServer } from './support/mcp.ts';
import { ROOT, run } from './support/process.ts';

// The official conformance suite's server scenarios, run against /mcp/conformance with the conformance
// fixture behind it. The agent's side adds its bearer token, as a configured MCP client would.
let t: TestApp;
let agentSide: http.Server;
const output = mkdtempSync(path.join(os.tmpdir(), 'switchboard-conformance-'));

beforeAll(async () => {
  t = await startTestApp();
  const server = await readyServer(t.admin, { name: 'conformance', transport: 'STDIO', command: process.execPath, args: [path.join(ROOT, 'test/fixtures/conformance-server.ts')] });
  await t.admin.data(`mutation($s: ID!) { subscribeToServer(input: { serverId: $s }) { server { id } } }`, { s: server.id });
  const target = new URL(t.url);
  agentSide = http.createServer((req, res) => {
    const forwarded = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, authorization: `Bearer ${ADMIN_TOKEN}` } },
      (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => agentSide.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  agentSide?.close();
  await t?.stop();
  rmSync(output, { recursive: true, force: true });
});

it('passes every conformance server scenario except the recorded ones', { timeout: 300_000 }, async () => {
  const { port } = agentSide.address() as { port: number };
  const baseline = path.join(ROOT, 'test/conformance/expected-failures.yml');
  const result = await run(process.execPath, [
    path.join(ROOT, 'node_modules/.bin/conformance'), 'server', '--url', `http://localhost:${port}/mcp/conformance`,
    '--suite', 'all', '--expected-failures', baseline, '-o', output,
  ], { env: { ...process.env, NO_COLOR: '1' } });
  const summary = result.output.slice(result.output.indexOf('=== SUMMARY ==='));
  expect(result.code, summary).toBe(0);
  expect(summary).toMatch(/Baseline check passed/);
  const passed = [...summary.matchAll(/✓ ([a-z0-9-]+): (\d+) passed/g)].filter((m) => Number(m[2]) > 0).map((m) => m[1]);
  expect(passed).toEqual(expect.arrayContaining(['server-initialize', 'tools-list', 'tools-call-simple-text', 'resources-read-text', 'prompts-get-with-args', 'json-schema-2020-12', 'dns-rebinding-protection', 'completion-complete', 'tools-call-with-progress']));
  expect(readFileSync(baseline, 'utf8')).toContain('tools-call-sampling');
});
