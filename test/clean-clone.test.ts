import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { childEnv, ROOT, run, startServer } from './support/process.ts';

// The README's two commands, from a clone of the committed tree (not this working copy).
const dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-clone-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it.runIf(!process.env.SWITCHBOARD_IN_CLONE)('`npm install && npm start` and `npm test` work from a clean clone', { timeout: 600_000 }, async () => {
  const clone = path.join(dir, 'switchboard');
  expect((await run('git', ['clone', '--quiet', ROOT, clone])).code).toBe(0);
  const env = childEnv({ SWITCHBOARD_DATA_DIR: path.join(dir, 'data'), SWITCHBOARD_IN_CLONE: '1' });

  // As a newcomer runs it: the host's own npm and Node, not the project's Node 22 that `npm test` put first on PATH.
  const hostPath = (env.PATH ?? '').split(path.delimiter).filter((dir) => !dir.includes('node_modules')).join(path.delimiter);
  const install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: clone, env: { ...env, PATH: hostPath } });
  expect(install.code, install.output).toBe(0);
  expect(install.output).not.toMatch(/EBADENGINE/);

  const server = await startServer('npm', ['start'], { cwd: clone, env });
  expect(await (await fetch(`${server.url}/health`)).json()).toMatchObject({ status: 'ok' });
  expect(server.output()).toMatch(/shown only this once/);
  await server.stop();

  const tests = await run('npm', ['test', '--', 'test/graphql-http-audit.test.ts'], { cwd: clone, env });
  expect(tests.code, tests.output).toBe(0);
  expect(stripVTControlCharacters(tests.output)).toMatch(/Tests\s+\d+ passed/);
});
