/**
 * The frontline app's service worker (scope `/app/`): a reload without network still opens the
 * app for a signed-in user. `runtime/scripts/buildWebApps.mjs` compiles this file with esbuild into
 * `runtime/dist/app/sw.js` after the Vite build, with the build's id and the list of every file
 * the build emitted put in place of the two constants below: a new build is a new worker.
 *
 * - install: the whole build (index.html, every hashed script, stylesheet and font, the lazy
 *   chunks too) goes into the build's own cache; then the new worker takes over at once.
 * - activate: the caches of earlier builds are deleted; pages open in the scope are claimed.
 * - fetch: see routes.ts. Resident data never goes into a cache: only the build's files and
 *   the form definitions and validator modules (no personal data) do.
 */
import { strategyFor } from './routes.js';

declare const self: ServiceWorkerGlobalScope;
/** A hash of the files the build emitted (buildWebApps.mjs). */
declare const __FORMWORK_BUILD_ID__: string;
/** The files the build emitted, relative to the scope (`index.html`, `assets/…`). */
declare const __FORMWORK_PRECACHE__: readonly string[];

const PREFIX = 'formwork-app-';
/** The build's files: one cache per build. */
const SHELL_CACHE = `${PREFIX}shell-${__FORMWORK_BUILD_ID__}`;
/** Form definitions and validator modules, kept across builds (the engine serves them). */
const FORMS_CACHE = `${PREFIX}forms-v1`;
const KEEP = new Set([SHELL_CACHE, FORMS_CACHE]);

/** A navigation that has not answered in this long is given the cached page instead. */
const NAVIGATION_TIMEOUT_MS = 8_000;

const scope = () => self.registration.scope;
const indexUrl = () => new URL('index.html', scope()).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // The files the page already loaded come from the HTTP cache (hashed names, immutable);
      // index.html is `no-cache` on the engine, so it is revalidated. One failure fails the
      // install: the browser tries again at the next visit, and the old worker stays meanwhile.
      await cache.addAll(__FORMWORK_PRECACHE__.map((file) => new URL(file, scope()).href));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(PREFIX) && !KEEP.has(name))
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  switch (strategyFor(event.request, scope())) {
    case 'navigation':
      event.respondWith(navigation(event));
      return;
    case 'asset':
      event.respondWith(cacheFirst(event));
      return;
    case 'form':
      event.respondWith(networkFirst(event, FORMS_CACHE));
      return;
    case 'network':
      // Not answered: the browser fetches it as if there were no worker.
      return;
  }
});

/** Stores a copy of a good answer of this origin without holding the answer back. */
function keep(event: FetchEvent, cacheName: string, response: Response): void {
  if (!response.ok || response.type !== 'basic') return;
  const copy = response.clone();
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.put(event.request, copy))
      .catch(() => undefined),
  );
}

/**
 * A page of the app: from the network (a new build's page as soon as it is deployed), else the
 * build's cached index.html — when offline, when the engine cannot be reached or answers that
 * its gateway cannot, or when the link has not answered in NAVIGATION_TIMEOUT_MS.
 */
async function navigation(event: FetchEvent): Promise<Response> {
  const network = fetch(event.request);
  // Answered from the cache after a timeout, the late network answer or failure is dropped.
  network.catch(() => undefined);
  const cached = () => caches.match(indexUrl(), { cacheName: SHELL_CACHE });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), NAVIGATION_TIMEOUT_MS);
  });
  try {
    const first = await Promise.race([network, timedOut]);
    if (first === 'timeout') return (await cached()) ?? (await network);
    if (first.status >= 502 && first.status <= 504) return (await cached()) ?? first;
    return first;
  } catch (error) {
    const page = await cached();
    if (page) return page;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** A hashed file of the build: it never changes under its name, so the cache answers first. */
async function cacheFirst(event: FetchEvent): Promise<Response> {
  const cached = await caches.match(event.request);
  if (cached) return cached;
  const response = await fetch(event.request);
  // Not precached (a newer build's file, loaded by its page): kept with this build's files.
  keep(event, SHELL_CACHE, response);
  return response;
}

/** A form or a validator module: the engine's current answer, the last one kept when offline. */
async function networkFirst(event: FetchEvent, cacheName: string): Promise<Response> {
  try {
    const response = await fetch(event.request);
    keep(event, cacheName, response);
    return response;
  } catch (error) {
    const cached = await caches.match(event.request, { cacheName, ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}
