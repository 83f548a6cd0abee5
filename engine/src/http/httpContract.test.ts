import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestEngine, type TestEngine } from '../testing/index.js';
import { finishSlow } from '../plugin-host/fixtures/echoPlugin.js';

const echoPlugin = new URL('../plugin-host/fixtures/echoPlugin.ts', import.meta.url).pathname;

describe('HTTP contract', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine({ plugins: [echoPlugin], bodyLimitBytes: 4096 });
  });
  afterAll(async () => {
    finishSlow();
    await t?.stop();
  });

  const errorLevelLines = () => t.logs.filter((line) => line.level >= 50);

  it('health names the database the engine runs on', async () => {
    const response = await fetch(`${t.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({
      status: 'ok',
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it('malformed JSON is a 400 JSON error, logged without a stack at error level', async () => {
    const before = errorLevelLines().length;
    const response = await fetch(`${t.url}/api/plugins/echo/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "张三",',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = await readJson(response);
    expect(body.error.code).toBe('malformed_json');
    expect(body.error.message).toContain('JSON');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(errorLevelLines().length).toBe(before);
  });

  it('a body carrying __proto__ is refused before it reaches any handler', async () => {
    const response = await fetch(`${t.url}/api/plugins/echo/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "x", "__proto__": {"isAdmin": true}}',
    });
    expect(response.status).toBe(400);
    expect((await readJson(response)).error.code).toBe('malformed_json');
  });

  it('a body over the limit is a 413 JSON error', async () => {
    const response = await fetch(`${t.url}/api/plugins/echo/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(10_000) }),
    });
    expect(response.status).toBe(413);
    const body = await readJson(response);
    expect(body.error).toMatchObject({ code: 'payload_too_large', details: { limitBytes: 4096 } });
    expect(errorLevelLines()).toEqual([]);
  });

  it('an unknown route is a 404 JSON error', async () => {
    const response = await fetch(`${t.url}/api/no-such-thing`);
    expect(response.status).toBe(404);
    expect((await readJson(response)).error.code).toBe('not_found');
  });

  it('a known path with the wrong method is a 405 that lists the allowed methods', async () => {
    const response = await fetch(`${t.url}/api/health`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toContain('GET');
    expect((await readJson(response)).error.code).toBe('method_not_allowed');
  });

  it('a body that does not match the route schema is a 400 naming the field', async () => {
    const response = await fetch(`${t.url}/api/plugins/echo/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '' }),
    });
    expect(response.status).toBe(400);
    const body = await readJson(response);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details.issues[0].path).toBe('/body/name');
  });

  it('a valid request reaches the handler and gets the declared status', async () => {
    const response = await fetch(`${t.url}/api/plugins/echo/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '李四' }),
    });
    expect(response.status).toBe(201);
    expect(await readJson(response)).toEqual({ hello: '李四' });
  });

  it('an unexpected failure is a 500 with the request id only; the stack goes to the log', async () => {
    const response = await fetch(`${t.url}/api/plugins/echo/boom`, {
      headers: { 'x-request-id': 'req-boom-1' },
    });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret internal detail');
    expect(text).not.toMatch(/\.ts:\d+/);
    expect(JSON.parse(text)).toEqual({
      error: {
        code: 'internal_error',
        message: expect.any(String),
        details: { requestId: 'req-boom-1' },
      },
    });
    const logged = errorLevelLines().find((line) => line.reqId === 'req-boom-1');
    expect(JSON.stringify(logged)).toContain('secret internal detail');
  });

  it('a client error thrown by a handler keeps its status and code', async () => {
    const response = await fetch(`${t.url}/api/plugins/echo/teapot`);
    expect(response.status).toBe(418);
    expect((await readJson(response)).error.code).toBe('teapot');
  });

  it('every log line of a request carries its request id, echoed in X-Request-Id', async () => {
    const response = await fetch(`${t.url}/api/health`);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const lines = t.logs.filter((line) => line.reqId === id);
    expect(lines.map((line) => line.msg)).toContain('request completed');
  });

  it('a hostile X-Request-Id is replaced, not echoed', async () => {
    const response = await fetch(`${t.url}/api/health`, {
      headers: { 'x-request-id': '<script>alert(1)</script>' },
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
