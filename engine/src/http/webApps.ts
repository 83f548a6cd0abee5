import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { Middleware } from 'koa';
import { HttpError } from './HttpError.js';
import { preferredEncoding } from './compressResponses.js';
import type { RequestState } from './requestContext.js';

/** A web app the engine serves: its URL prefix and the folder its build wrote. */
export interface WebApp {
  /** e.g. `/app/`: always with the trailing slash. */
  mount: string;
  /** The build output: index.html and assets/ (hashed file names). */
  dir: string;
}

const repoDir = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Where the web apps' builds are in this repository: the frontline app's (runtime/app, `npm run
 * build:app`) and the designer's, when it has one. EngineConfig.webApps overrides them.
 */
export const DEFAULT_WEB_APP_DIRS = {
  app: path.join(repoDir, 'runtime', 'dist', 'app'),
  designer: path.join(repoDir, 'designer', 'dist', 'designer'),
} as const;

export type WebAppName = keyof typeof DEFAULT_WEB_APP_DIRS;

export function webAppsOf(dirs: Partial<Record<WebAppName, string>> = {}): WebApp[] {
  return (Object.keys(DEFAULT_WEB_APP_DIRS) as WebAppName[]).map((name) => ({
    mount: `/${name}/`,
    dir: dirs[name] ?? DEFAULT_WEB_APP_DIRS[name],
  }));
}

/** Whether a web app's build is there to serve (its index.html exists). */
export function isBuilt(app: WebApp): boolean {
  return fs.existsSync(path.join(app.dir, 'index.html'));
}

/**
 * The web apps run under this policy: no `unsafe-eval` (the form validators come precompiled),
 * scripts, styles, fonts, images and API calls from this origin only, never framed. Inline
 * `style` attributes are allowed because Element Plus positions popovers and sets CSS variables
 * through them; no inline `<script>` is.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Hashed build output never changes under its name: cache it for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};
/** Types worth compressing on a 2 Mbit/s link (fonts and images are compressed already). */
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.webmanifest',
  '.svg',
  '.txt',
]);

interface Loaded {
  /** The file's mtime and size when read: a rebuild replaces the entry. */
  stamp: string;
  body: Buffer;
  etag: string;
  br?: Buffer;
  gzip?: Buffer;
}

/**
 * Serves each built web app under its mount: `GET /app/` and every client-side route below it
 * (`/app/residents/…`) answer index.html with `no-cache`; files under `assets/` (hashed names)
 * are immutable for a year; any other name with an extension must exist at the top of the build
 * and is `no-cache` too — the app's service worker (`sw.js`, scope `/app/`) above all, whose
 * update check must see a new build at once (runtime/app/serviceWorker/). A missing file is a JSON 404 — never index.html in its place, which a
 * browser would run as a broken script. Dot-files (the Vite manifest in `.vite/`) are not served.
 * Bodies go out compressed (brotli or gzip, as the browser accepts) and stay in memory once read,
 * until the file changes (a rebuild).
 */
export function serveWebApps(apps: WebApp[]): Middleware<RequestState> {
  const cache = new Map<string, Loaded>();

  const load = (file: string): Loaded | undefined => {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(file);
    } catch {
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    const stamp = `${stat.mtimeMs}:${stat.size}`;
    let loaded = cache.get(file);
    if (loaded?.stamp !== stamp) {
      const body = fs.readFileSync(file);
      const hash = crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22);
      loaded = { stamp, body, etag: `"${hash}"` };
      cache.set(file, loaded);
    }
    return loaded;
  };

  return async (ctx, next) => {
    const app = apps.find((a) => ctx.path === a.mount.slice(0, -1) || ctx.path.startsWith(a.mount));
    if (!app || (ctx.method !== 'GET' && ctx.method !== 'HEAD') || !isBuilt(app)) return next();
    if (ctx.path === app.mount.slice(0, -1)) {
      ctx.status = 308;
      ctx.redirect(`${app.mount}${ctx.search}`);
      return;
    }
    ctx.set('Content-Security-Policy', WEB_APP_CSP);
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    const rest = ctx.path.slice(app.mount.length);
    let segments: string[];
    try {
      segments = rest.split('/').map((s) => decodeURIComponent(s));
    } catch {
      throw missing(ctx.path);
    }
    const last = segments[segments.length - 1] ?? '';
    const isAsset = segments[0] === 'assets';
    // Files live at the top of the build (index.html, sw.js) or under assets/: a deeper name with
    // a dot is a client-side route naming a version (/designer/versions/overlay/yunnan/1.3.0),
    // unless a segment is a dot-folder (.vite/), which is never served.
    const looksLikeFile = /\.[A-Za-z0-9]+$/.test(last);
    const isFile =
      isAsset ||
      (looksLikeFile && (segments.length === 1 || segments.some((s) => s.startsWith('.'))));
    if (!isFile) {
      // A client-side route: the app's router takes it from here.
      return send(ctx, load(path.join(app.dir, 'index.html')), '.html', 'no-cache');
    }
    const unsafe = segments.some(
      (s) => s === '' || s.startsWith('.') || s.includes('\\') || s.includes('\0'),
    );
    if (unsafe || (!isAsset && segments.length > 1)) throw missing(ctx.path);
    const file = path.join(app.dir, ...segments);
    const ext = path.extname(file).toLowerCase();
    const type = TYPES[ext];
    const loaded = type ? load(file) : undefined;
    if (!loaded) throw missing(ctx.path);
    return send(ctx, loaded, ext, isAsset ? IMMUTABLE : 'no-cache');
  };
}

function missing(urlPath: string): HttpError {
  return HttpError.notFound(`文件不存在 / No such file: ${urlPath}`, { path: urlPath });
}

function send(
  ctx: Parameters<Middleware<RequestState>>[0],
  loaded: Loaded | undefined,
  ext: string,
  cacheControl: string,
) {
  if (!loaded) throw missing(ctx.path);
  ctx.set('Cache-Control', cacheControl);
  ctx.set('ETag', loaded.etag);
  ctx.type = TYPES[ext]!;
  if (ctx.get('If-None-Match') === loaded.etag) {
    ctx.status = 304;
    return;
  }
  ctx.status = 200;
  if (!COMPRESSIBLE.has(ext) || loaded.body.length < 1024) {
    ctx.body = loaded.body;
    return;
  }
  ctx.vary('Accept-Encoding');
  const encoding = preferredEncoding(ctx);
  if (encoding === 'br') {
    loaded.br ??= zlib.brotliCompressSync(loaded.body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 },
    });
    ctx.set('Content-Encoding', 'br');
    ctx.body = loaded.br;
  } else if (encoding === 'gzip') {
    loaded.gzip ??= zlib.gzipSync(loaded.body, { level: 9 });
    ctx.set('Content-Encoding', 'gzip');
    ctx.body = loaded.gzip;
  } else {
    ctx.body = loaded.body;
  }
}
