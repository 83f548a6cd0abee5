import type { Middleware } from 'koa';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { RequestState } from './requestContext.js';

/** Below this many bytes a compressed body saves less than its headers cost. */
export const COMPRESS_MIN_BYTES = 1024;

/** JSON, JavaScript and text: what the API answers and what shrinks (4–5× for JSON and modules). */
const COMPRESSIBLE = /^(application\/(json|javascript|problem\+json)|text\/)/;

/**
 * Compresses the API's answers (brotli, else gzip, as the browser accepts) once the route has
 * run: on a village clinic's 2 Mbit/s link a form definition or a form's validator module is
 * 4–5× smaller (the hypertension follow-up's validator: 218 KB → 48 KB). Bodies under
 * COMPRESS_MIN_BYTES, streams, answers already encoded (the web apps' files, compressed once and
 * kept) and HEAD requests go out as they are. Brotli at quality 5 costs ~2 ms for 200 KB, less
 * than one packet's time on such a link. An ETag stays as the route set it: it names the
 * resource's row version (If-Match), not the bytes on the wire.
 */
export function compressResponses(): Middleware<RequestState> {
  return async (ctx, next) => {
    await next();
    if (ctx.method === 'HEAD' || ctx.response.get('Content-Encoding')) return;
    const body: unknown = ctx.body;
    if (body === null || body === undefined || body instanceof Readable) return;
    if (!COMPRESSIBLE.test(ctx.response.type || '')) return;
    const bytes =
      typeof body === 'string'
        ? Buffer.from(body)
        : Buffer.isBuffer(body)
          ? body
          : Buffer.from(JSON.stringify(body));
    ctx.vary('Accept-Encoding');
    if (bytes.length < COMPRESS_MIN_BYTES) return;
    const encoding = preferredEncoding(ctx);
    if (encoding === 'br') {
      ctx.body = zlib.brotliCompressSync(bytes, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      });
      ctx.set('Content-Encoding', 'br');
    } else if (encoding === 'gzip') {
      ctx.body = zlib.gzipSync(bytes, { level: 6 });
      ctx.set('Content-Encoding', 'gzip');
    }
  };
}

/**
 * Brotli whenever the browser accepts it, else gzip: browsers list gzip first ("gzip, deflate,
 * br, zstd") and a negotiation by their order would never choose brotli, ~15 % smaller.
 */
export function preferredEncoding(ctx: {
  acceptsEncodings(...encodings: string[]): string | false;
}): 'br' | 'gzip' | undefined {
  if (ctx.acceptsEncodings('br', 'identity') === 'br') return 'br';
  if (ctx.acceptsEncodings('gzip', 'identity') === 'gzip') return 'gzip';
  return undefined;
}
