import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';
import { readyServer } from './support/mcp.ts';
import { ROOT, run } from './support/process.ts';

// The official conformance suite's server scenarios, each revision's against /mcp/<server> with a fixture of
// that era behind it: the 2026-07-28 scenarios check multi round-trip rounds (the keys of input requests,
// several at once, rounds with no state) that only an upstream of that era chooses, which the proxy relays.
// The agent's side adds its bearer token, as a configured MCP client would.

/** One revision's run: its server and fixture, its scenarios, the ones that must pass (the file of those that may not is named by the revision). */
const REVISIONS = [
  {
    revision: '2025-11-25',
    server: 'conformance',
    fixture: 'conformance-server.ts',
    args: ['--suite', 'all', '--spec-version', '2025-11-25'],
    mustPass: ['server-initialize', 'tools-list', 'tools-call-simple-text', 'resources-read-text', 'prompts-get-with-args', 'json-schema-2020-12', 'dns-rebinding-protection', 'completion-complete', 'tools-call-with-progress'],
  },
  {
    revision: '2026-07-28',
    server: 'conformance-modern',
    fixture: 'conformance-modern-server.ts',
    args: ['--requirements', '2026-07-28'],
    mustPass: [
      'tools-list', 'tools-call-simple-text', 'tools-call-with-progress', 'resources-read-text', 'prompts-get-with-args', 'completion-complete', 'caching', 'dns-rebinding-protection',
      'server-stateless', 'input-required-result-basic-elicitation', 'input-required-result-basic-sampling', 'input-required-result-basic-list-roots',
      'input-required-result-request-state', 'input-required-result-multiple-input-requests', 'input-required-result-multi-round',
      'input-required-result-non-tool-request', 'input-required-result-tampered-state', 'input-required-result-capability-check',
      'http-custom-header-server-validation', 'http-header-validation',
    ],
  },
];

let t: TestApp;
let agentSide: http.Server;
const output = mkdtempSync(path.join(os.tmpdir(), 'switchboard-conformance-'));

beforeAll(async () => {
  t = await startTestApp();
  for (const revision of REVISIONS) {
    const server = await readyServer(t.admin, { name: revision.server, transport: 'STDIO', command: process.execPath, args: [path.join(ROOT, `test/fixtures/${revision.fixture}`)] });
    await t.admin.data(`mutation($s: ID!) { subscribeToServer(input: { serverId: $s }) { server { id } } }`, { s: server.id });
  }
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

/** The checks that failed or warned, one line each, to say why a run did not pass. */
function unmet(dir: string): string {
  return readdirSync(dir).flatMap((scenario) => {
    const file = path.join(dir, scenario, 'checks.json');
    const checks = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { id: string; status: string; errorMessage?: string }[]) : [];
    return checks.filter((c) => c.status === 'FAILURE' || c.status === 'WARNING').map((c) => `${scenario.replace(/-\d{4}-.*$/, '')} ${c.id} ${c.status}: ${c.errorMessage ?? ''}`);
  }).join('\n');
}


for (const { revision, server, args, mustPass } of REVISIONS) {
  it(`passes every ${revision} conformance server scenario except the recorded ones`, { timeout: 300_000 }, async () => {
    const { port } = agentSide.address() as { port: number };
    const baseline = path.join(ROOT, `test/conformance/expected-failures-${revision}.yml`);
    const result = await run(process.execPath, [
      path.join(ROOT, 'node_modules/.bin/conformance'), 'server', '--url', `http://localhost:${port}/mcp/${server}`,
      ...args, '--expected-failures', baseline, '-o', path.join(output, revision),
    ], { env: { ...process.env, NO_COLOR: '1' } });
    const summary = result.output.slice(result.output.indexOf('=== SUMMARY ==='));
    expect(result.code, `${summary}\n${unmet(path.join(output, revision))}`).toBe(0);
    expect(summary).toMatch(/Baseline check passed/);
    const passed = [...summary.matchAll(/✓ ([a-z0-9-]+): (\d+) passed/g)].filter((m) => Number(m[2]) > 0).map((m) => m[1]);
    expect(passed).toEqual(expect.arrayContaining(mustPass));
  });
}
