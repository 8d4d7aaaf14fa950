import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { createUser } from '../support/fixtures.ts';
import { startReceiver, type Receiver } from '../support/otlp-receiver.ts';
import { bearer, restCall } from '../support/rest.ts';

/** Seed 003's `PUT /api/v1/settings/telemetry`, and the GET Switchboard adds to read it back. */
let t: TestApp;
let receiver: Receiver;
const call = (method: string, body?: unknown, token: string | null = ADMIN_TOKEN) => restCall(t.url, method, '/api/v1/settings/telemetry', { headers: bearer(token), body });
const refusal = (detail: RegExp) => ({ error: 'Bad Request', detail: expect.stringMatching(detail), timestamp: expect.any(String) });

beforeAll(async () => {
  receiver = await startReceiver();
  t = await startTestApp();
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await receiver?.close();
});

describe('PUT /api/v1/settings/telemetry', () => {
  it("refuses the seed's own example, port 4317 (OTLP/gRPC), naming the OTLP/HTTP port instead, and changes nothing", async () => {
    const seed = await call('PUT', { enabled: true, url: 'http://localhost:4317', insecure: true });
    expect(seed).toMatchObject({ status: 400, body: refusal(/^url: 4317 is OTLP\/gRPC's port.*4318/) });
    expect((await call('GET')).body).toEqual({ message: 'Telemetry settings retrieved successfully', data: { enabled: false, url: null, insecure: false, endpoint: null } });
  });

  it('switches traces on with an OTLP/HTTP collector, and the requests that follow reach it', async () => {
    const on = await call('PUT', { enabled: true, url: receiver.url, insecure: true });
    expect(on).toMatchObject({ status: 200, body: { message: 'Telemetry configured successfully', data: { enabled: true, url: receiver.url, insecure: true, endpoint: `${receiver.url}/v1/traces` } } });
    expect((await call('GET')).body.data).toEqual(on.body.data);
    await t.app.services.telemetry.flush();
    const edge = receiver.spans.find((s) => s.attributes['url.path'] === '/api/v1/settings/telemetry' && s.attributes['http.request.method'] === 'GET')!;
    expect(receiver.spans.find((s) => s.name === 'query.EnkryptTelemetry')?.parentSpanId).toBe(edge.spanId);
  });

  it('refuses another scheme, plain http without insecure, and a body without enabled, as the seed shapes errors', async () => {
    const before = (await call('GET')).body.data;
    expect(await call('PUT', { enabled: true, url: 'gopher://collector.example:4318', insecure: true })).toMatchObject({ status: 400, body: refusal(/^url: only http:\/\/ and https:\/\//) });
    expect(await call('PUT', { enabled: true, url: 'http://collector.example:4318', insecure: false })).toMatchObject({ status: 400, body: refusal(/^url: https:\/\/ is required/) });
    expect(await call('PUT', { url: receiver.url })).toMatchObject({ status: 400, body: refusal(/enabled/) });
    expect((await call('GET')).body.data).toEqual(before);
  });

  it('is for system administrators only', async () => {
    const member = await createUser(t.admin);
    expect(await call('PUT', { enabled: false }, member.token)).toMatchObject({ status: 403, body: { error: 'Forbidden' } });
    expect((await call('GET', undefined, member.token)).status).toBe(403);
    expect((await call('GET', undefined, null)).status).toBe(401);
  });

  it('switches traces off, keeping the URL', async () => {
    expect((await call('PUT', { enabled: false })).body.data).toMatchObject({ enabled: false, url: receiver.url });
    expect(t.app.services.telemetry.enabled).toBe(false);
  });
});
