import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/app.ts';

/**
 * GraphiQL and the REST reference in a real browser (Debian's chromium, which `.ci/run` installs), with
 * every request to another host refused: both must work on a machine without internet access.
 */
const CHROMIUM = '/usr/bin/chromium';
let t: TestApp;
let browser: Browser;
const offsite: string[] = [];

async function offlinePage(): Promise<Page> {
  const page = await browser.newPage();
  const own = new URL(t.url).host;
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'blob:' || url.protocol === 'data:' || url.host === own) return route.continue();
    offsite.push(url.href);
    return route.abort();
  });
  return page;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  t = await startTestApp();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe.runIf(existsSync(CHROMIUM))('in headless Chromium, offline', () => {
  it('GraphiQL renders and runs { viewer } with the token given in its headers', async () => {
    const page = await offlinePage();
    // The token as a person would put it in the Headers tab.
    await page.route(`${t.url}/graphql`, (route) => route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${ADMIN_TOKEN}` } }));
    await page.goto(`${t.url}/graphql`);
    await page.locator('.graphiql-execute-button').click({ timeout: 30_000 });
    await expect.poll(() => page.locator('.result-window').innerText(), { timeout: 30_000 }).toMatch(/"username":\s*"admin"/);
    expect(offsite).toEqual([]);
  }, 90_000);

  it('/docs renders every dialect’s reference from the installed assets', async () => {
    const page = await offlinePage();
    await page.goto(`${t.url}/docs?dialect=jungle`);
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.opblock-summary-path').allInnerTexts()).toContain('/api/v0/clients');
    expect(offsite).toEqual([]);
  }, 90_000);
});
