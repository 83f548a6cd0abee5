/**
 * Serves the built dev page (buildDevPage) with a Content-Security-Policy that forbids eval, and
 * answers `/api/*` either from the seed (seedApi) or by passing it to a running engine, cookies
 * included (sign in through it: POST /api/auth/login). Node only; for tests and screenshots.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { seedApi } from './seedApi.js';

/** No `unsafe-eval` anywhere: a `new Function` on the page is refused. */
export const DEV_PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export interface DevServer {
  url: string;
  close(): Promise<void>;
}

export async function startDevServer(options: {
  distDir: string;
  /** A running engine's URL; without it, the seed answers. */
  engineUrl?: string;
  port?: number;
  /** Serve pages without the CSP (the bare @rjsf/core page: Ajv compiles with new Function). */
  allowEval?: boolean;
}): Promise<DevServer> {
  const seed = options.engineUrl ? undefined : seedApi();
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://dev');
      if (url.pathname.startsWith('/api/')) {
        if (options.engineUrl) return proxy(req, res, options.engineUrl);
        const form = /^\/api\/forms\/([a-z0-9-]+)$/.exec(url.pathname);
        const module = /^\/api\/seed-validators\/([a-z0-9-]+)\.js$/.exec(url.pathname);
        if (form) {
          const body = await seed!.form(form[1]!);
          return answer(
            req,
            res,
            body ? 200 : 404,
            'application/json',
            JSON.stringify(
              body ?? { error: { code: 'not_found', message: 'no form', details: {} } },
            ),
          );
        }
        if (module) {
          const code = await seed!.validator(module[1]!);
          return answer(req, res, code ? 200 : 404, 'text/javascript; charset=utf-8', code ?? '');
        }
        if (url.pathname === '/api/forms') {
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ forms: seed!.keys().map((key) => ({ key })) }));
        }
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end('{"error":{"code":"not_found","message":"not found","details":{}}}');
      }
      let file = path.join(
        options.distDir,
        path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''),
      );
      if (
        !file.startsWith(options.distDir) ||
        !fs.existsSync(file) ||
        fs.statSync(file).isDirectory()
      ) {
        file = path.join(options.distDir, 'index.html');
      }
      if (!fs.existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('not found');
      }
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      return answer(
        req,
        res,
        200,
        type,
        fs.readFileSync(file),
        type.startsWith('text/html') && !options.allowEval
          ? { 'content-security-policy': DEV_PAGE_CSP }
          : {},
      );
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Compressed as the engine does it (brotli when accepted, else gzip; text and JSON of 1 KiB or
 * more): the bench's emulated slow link counts these bytes.
 */
function answer(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const accepted = String(req.headers['accept-encoding'] ?? '');
  const compressible = /^(text\/|application\/json)/.test(type) && bytes.length >= 1024;
  const encoding = !compressible
    ? undefined
    : /\bbr\b/.test(accepted)
      ? 'br'
      : /\bgzip\b/.test(accepted)
        ? 'gzip'
        : undefined;
  const sent =
    encoding === 'br'
      ? zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } })
      : encoding === 'gzip'
        ? zlib.gzipSync(bytes, { level: 9 })
        : bytes;
  res.writeHead(status, {
    'content-type': type,
    ...(encoding ? { 'content-encoding': encoding, vary: 'accept-encoding' } : {}),
    ...headers,
  });
  res.end(sent);
}

function proxy(req: http.IncomingMessage, res: http.ServerResponse, engineUrl: string) {
  const target = new URL(req.url ?? '/', engineUrl);
  const upstream = http.request(
    target,
    { method: req.method, headers: { ...req.headers, host: target.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(String(error));
  });
  req.pipe(upstream);
}
