/**
 * What the app's service worker does with each request, decided from the method, the mode and
 * the URL alone (no worker APIs here, so it is unit-tested in Node).
 *
 * - `navigation`: a page of the app (`/app/…`): network first, the cached index.html offline.
 * - `asset`: a file of the build (`/app/assets/<name>-<hash>.<ext>`, never changes under its
 *   name): cache first.
 * - `form`: a form definition (`GET /api/forms/:key`, not personal data) or a form version's
 *   immutable validator module: network first, the cached copy offline.
 * - `network`: everything else, the API above all (resident data is never cached by the
 *   worker): the worker does not answer, the browser goes to the network as if it were absent.
 */
export type Strategy = 'navigation' | 'asset' | 'form' | 'network';

export interface RequestFacts {
  method: string;
  /** `Request.mode`: `navigate` for a page load. */
  mode: string;
  url: string;
}

/** `/api/forms/:key`, one key, any query (`?release=…`). */
const FORM = /^\/api\/forms\/[^/]+$/;
/** `/api/forms/:key/versions/:version/validator.js` (content-hashed through its query). */
const FORM_VALIDATOR = /^\/api\/forms\/[^/]+\/versions\/[^/]+\/validator\.js$/;
const VALIDATOR_RUNTIME = '/api/form-validator-runtime.js';

/**
 * The strategy for a request made under the worker's `scope` (e.g. `http://host/app/`). Only
 * reads of this origin are ever answered by the worker.
 */
export function strategyFor(request: RequestFacts, scope: string): Strategy {
  if (request.method !== 'GET') return 'network';
  const url = new URL(request.url);
  const base = new URL(scope);
  if (url.origin !== base.origin) return 'network';
  const path = url.pathname;
  if (path.startsWith(base.pathname)) {
    if (request.mode === 'navigate') return 'navigation';
    if (path.startsWith(`${base.pathname}assets/`)) return 'asset';
    return 'network';
  }
  if (FORM.test(path) || FORM_VALIDATOR.test(path) || path === VALIDATOR_RUNTIME) return 'form';
  return 'network';
}
