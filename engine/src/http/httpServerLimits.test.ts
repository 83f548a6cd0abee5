import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestEngine, type TestEngine } from '../testing/index.js';
import { connectionsCheckingInterval, LINGER_MS } from './createHttpServer.js';
import { MAX_URL_BYTES } from './screenInput.js';

/*
 * What Node's HTTP server does before Koa sees a request (issue 13): request lines and headers
 * over the parser's limit, clients that send headers or bodies slowly, idle keep-alive
 * connections. The engine runs with short timeouts injected through its configuration, so each
 * limit shows within seconds; the slow clients below write on a real timer because the limits
 * they probe are Node's own socket timers, not the engine's clock.
 */

const TIMEOUTS = { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, keepAliveTimeoutMs: 1_000 };
/** Node checks the timeouts on this interval, so a limit may show up to this much late. */
const CHECK = connectionsCheckingInterval(TIMEOUTS);
/** Scheduling slack on a loaded 2-core machine. */
const SLACK = 1_000;

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine(TIMEOUTS);
});
afterAll(() => t?.stop());

interface RawExchange {
  /** Everything the server wrote. */
  received: string;
  /** Milliseconds from connecting to the first byte of the answer (undefined: none). */
  answeredAfter: number | undefined;
  /** Milliseconds from connecting to the server closing the connection (undefined: still open). */
  closedAfter: number | undefined;
}

/**
 * A client on a bare socket: writes `head` at once, then `drip` every `everyMs` until the server
 * closes the connection or `giveUpMs` pass (then it hangs up itself and reports it still open).
 */
function rawClient(head: string, drip: string, everyMs: number, giveUpMs: number) {
  const url = new URL(t.url);
  return new Promise<RawExchange>((resolve) => {
    const started = performance.now();
    const result: RawExchange = { received: '', answeredAfter: undefined, closedAfter: undefined };
    let gaveUp = false;
    const socket = net.connect(Number(url.port), url.hostname, () => socket.write(head));
    const dripping = setInterval(() => drip && socket.writable && socket.write(drip), everyMs);
    const giveUp = setTimeout(() => {
      gaveUp = true;
      socket.destroy();
    }, giveUpMs);
    socket.on('data', (chunk: Buffer) => {
      result.answeredAfter ??= performance.now() - started;
      result.received += chunk.toString('utf8');
    });
    socket.on('error', () => {}); // a reset counts as closed by the server, below
    socket.on('end', () => {
      result.closedAfter ??= performance.now() - started;
      socket.end();
    });
    socket.on('close', () => {
      clearInterval(dripping);
      clearTimeout(giveUp);
      if (!gaveUp) result.closedAfter ??= performance.now() - started;
      resolve(result);
    });
  });
}

/** The status and JSON body of the first response in what a raw client received. */
function firstResponse(received: string) {
  const [head, ...rest] = received.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head ?? '')?.[1]);
  const length = Number(/content-length: (\d+)/i.exec(head ?? '')?.[1] ?? 0);
  const body = rest.join('\r\n\r\n').slice(0, length);
  return { status, head: head ?? '', body: body ? JSON.parse(body) : undefined };
}

describe('request lines and headers over the limit', () => {
  it('given a search link with a 100 KB query string, when a clinic sends it 20 times, then every time it gets a JSON 414 naming the limit (never a reset connection)', async () => {
    const query = `name=${'张'.repeat(100_000 / 9)}`;
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${t.url}/api/subjects?${query}&i=${i}`);
      expect(response.status).toBe(414);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      const body = await readJson(response);
      expect(body.error).toMatchObject({
        code: 'uri_too_long',
        details: { limitBytes: MAX_URL_BYTES },
      });
      expect(body.error.message).toMatch(/[\u4e00-\u9fff].* \/ .*exceeds 8192 bytes/);
    }
  });

  it('given a query string of 10 KB (under the parser limit), then the same JSON 414 and no route runs', async () => {
    const response = await fetch(`${t.url}/api/no-such-route?q=${'x'.repeat(10_000)}`);
    expect(response.status).toBe(414);
    expect((await readJson(response)).error.code).toBe('uri_too_long');
    // At the limit, the request goes on to routing as usual.
    const path = '/api/no-such-route?q=';
    const atLimit = await fetch(`${t.url}${path}${'x'.repeat(MAX_URL_BYTES - path.length)}`);
    expect(atLimit.status).toBe(404);
  });

  it('given a request whose headers add up to 40 KB, when sent 20 times, then each gets a JSON 431 naming the limit', async () => {
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${t.url}/api/health`, {
        headers: { 'x-padding': 'p'.repeat(20_000), 'x-more-padding': 'q'.repeat(20_000) },
      });
      expect(response.status).toBe(431);
      const body = await readJson(response);
      expect(body.error).toMatchObject({
        code: 'headers_too_large',
        details: { limitBytes: 16_384 },
      });
    }
    // And the engine still serves the next client.
    expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
  });

  it('given bytes that are not HTTP, then a JSON 400 and the connection is closed', async () => {
    const exchange = await rawClient('HELLO THERE\r\n\r\n', '', 200, 5_000);
    const { status, body } = firstResponse(exchange.received);
    expect(status).toBe(400);
    expect(body.error.code).toBe('malformed_http');
    expect(exchange.closedAfter).toBeDefined();
  });
});

describe('clients that send slowly', () => {
  it(`given a client that sends its headers one line every 200 ms, then it gets a JSON 408 once the headers timeout (${TIMEOUTS.headersTimeoutMs} ms) passes and the connection is closed, not after Node's 60 s`, async () => {
    const exchange = await rawClient(
      'GET /api/health HTTP/1.1\r\nHost: clinic\r\n',
      'X-Slow: a\r\n',
      200,
      10_000,
    );
    const { status, body } = firstResponse(exchange.received);
    expect(status).toBe(408);
    expect(body.error).toMatchObject({ code: 'request_timeout', details: TIMEOUTS_DETAILS });
    expect(exchange.answeredAfter).toBeGreaterThanOrEqual(TIMEOUTS.headersTimeoutMs);
    expect(exchange.answeredAfter).toBeLessThan(TIMEOUTS.headersTimeoutMs + CHECK + SLACK);
    expect(exchange.closedAfter).toBeLessThan(
      TIMEOUTS.headersTimeoutMs + CHECK + LINGER_MS + SLACK,
    );
  });

  it(`given a client that sends a sign-in body one byte every 200 ms, then it gets a JSON 408 once the request timeout (${TIMEOUTS.requestTimeoutMs} ms) passes and the connection is closed`, async () => {
    const exchange = await rawClient(
      'POST /api/auth/login HTTP/1.1\r\nHost: clinic\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{',
      ' ',
      200,
      10_000,
    );
    const { status, body } = firstResponse(exchange.received);
    expect(status).toBe(408);
    expect(body.error.code).toBe('request_timeout');
    expect(exchange.answeredAfter).toBeGreaterThanOrEqual(TIMEOUTS.requestTimeoutMs);
    expect(exchange.answeredAfter).toBeLessThan(TIMEOUTS.requestTimeoutMs + CHECK + SLACK);
    expect(exchange.closedAfter).toBeLessThan(
      TIMEOUTS.requestTimeoutMs + CHECK + LINGER_MS + SLACK,
    );
    // The engine logged the refusal at info, not as an unexpected error.
    expect(t.logs.filter((line) => line.level >= 50)).toEqual([]);
  });

  it(`given a keep-alive connection left idle after a request, then the engine closes it after the keep-alive timeout (${TIMEOUTS.keepAliveTimeoutMs} ms), as the Keep-Alive header says`, async () => {
    const exchange = await rawClient(
      'GET /api/health HTTP/1.1\r\nHost: clinic\r\nConnection: keep-alive\r\n\r\n',
      '',
      200,
      10_000,
    );
    const { status, head } = firstResponse(exchange.received);
    expect(status).toBe(200);
    expect(head).toMatch(/keep-alive: timeout=1\b/i);
    // Node adds one second to the advertised timeout before it closes the socket.
    expect(exchange.closedAfter).toBeGreaterThanOrEqual(TIMEOUTS.keepAliveTimeoutMs);
    expect(exchange.closedAfter).toBeLessThan(TIMEOUTS.keepAliveTimeoutMs + 1_000 + SLACK);
  });
});

const TIMEOUTS_DETAILS = {
  headersTimeoutMs: TIMEOUTS.headersTimeoutMs,
  requestTimeoutMs: TIMEOUTS.requestTimeoutMs,
};
