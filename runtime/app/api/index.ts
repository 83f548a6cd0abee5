import { sessionPort } from '../session/session.js';
import { createApiClient } from './client.js';

export { ApiError } from './ApiError.js';
export { ok, type ApiClient } from './client.js';

/** The app's one API client, on the engine that served the app (same origin). */
export const api = createApiClient({
  baseUrl: globalThis.location?.origin ?? '',
  session: sessionPort,
});
