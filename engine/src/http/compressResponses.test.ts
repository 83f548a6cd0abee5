import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture } from '../testing/index.js';

/**
 * What a village clinic's 2 Mbit/s link carries: the API's answers compressed as the browser
 * accepts, the same bytes once decoded, nothing compressed that would not gain from it.
 */
let f: IdentityFixture;
let token: string;

beforeAll(async () => {
  f = await IdentityFixture.start();
  token = await f.login(await f.user('township-phc', '350121101'));
});
afterAll(async () => {
  await f?.stop();
});

/** A raw GET (fetch would decode the body and hide what crossed the wire). */
function rawGet(
  urlPath: string,
  acceptEncoding?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      `${f.url}${urlPath}`,
      {
        headers: {
          authorization: `Bearer ${token}`,
          ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    request.on('error', reject);
  });
}

const FORM = '/api/forms/hypertension-followup?orgCode=350121101201-V01';

describe('answers compressed for slow links', () => {
  it('given a browser that accepts brotli, when it fetches a form, then the form crosses the link several times smaller and decodes to the same JSON', async () => {
    const plain = await rawGet(FORM);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const form = JSON.parse(plain.body.toString('utf8')) as { validator: { url: string } };

    const br = await rawGet(FORM, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(JSON.parse(zlib.brotliDecompressSync(br.body).toString('utf8'))).toEqual(form);

    // The validator module, the largest thing a form page fetches from the API.
    const module = await rawGet(form.validator.url);
    const moduleBr = await rawGet(form.validator.url, 'br');
    expect(moduleBr.headers['content-encoding']).toBe('br');
    expect(moduleBr.headers['cache-control']).toContain('immutable');
    expect(moduleBr.body.length).toBeLessThan(module.body.length / 3);
    expect(zlib.brotliDecompressSync(moduleBr.body).equals(module.body)).toBe(true);
  });

  it('given a browser that accepts only gzip, when it fetches a form, then it gets gzip', async () => {
    const plain = await rawGet(FORM);
    const gz = await rawGet(FORM, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString('utf8')).toBe(plain.body.toString('utf8'));
  });

  it('given a small answer, when it is fetched, then it goes out as it is', async () => {
    const me = await rawGet('/api/auth/me', 'br, gzip');
    expect(me.status).toBe(200);
    expect(me.body.length).toBeLessThan(1024);
    expect(me.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(me.body.toString('utf8'))).toHaveProperty('username');
  });
});
