import createClient, { type Client } from 'openapi-fetch';
import { ApiError } from './ApiError.js';
import type { paths } from './schema.js';

/** The app's one HTTP client: every engine route, typed from /api/openapi.json. */
export type ApiClient = Client<paths>;

/** What the client needs of the app's session. */
export interface SessionPort {
  /** The bearer token of the signed-in session, if any. */
  token(): string | undefined;
  /**
   * The engine refused the session behind the current token (401): end it and send the user to
   * sign in. Called once per session, however many requests were refused at once.
   */
  expired(): Promise<void> | void;
}

export interface ApiClientOptions {
  /** Where the engine is: '' in the browser (same origin), a URL in tests. */
  baseUrl: string;
  session: SessionPort;
  fetch?: typeof globalThis.fetch;
}

/** Routes whose 401 is an answer about the sign-in itself, not an ended session. */
const NOT_A_SESSION_END = new Set(['/api/auth/login', '/api/auth/logout']);

const BEARER = /^Bearer (.+)$/;

/**
 * openapi-fetch wrapped once (STYLE #13, #22): the session's bearer token on every request that
 * names no other; any answer that is not 2xx rejects with an ApiError carrying the engine's code,
 * message and details, and a network failure with `network_unreachable`. A 401 on a request sent with the
 * current session's token ends that session exactly once — the first refused request calls
 * `session.expired()`, the others refused with the same token join it — and every refused request
 * rejects at once with its 401: nothing waits on the redirect, so nothing is left hanging. A 401
 * for a token that is no longer the session's (the user already signed in again) ends nothing.
 */
export function createApiClient({ baseUrl, session, fetch }: ApiClientOptions): ApiClient {
  const client = createClient<paths>({ baseUrl, ...(fetch ? { fetch } : {}) });
  let ended: string | undefined;

  const sessionRefused = (token: string) => {
    if (ended === token || session.token() !== token) return;
    ended = token;
    try {
      void Promise.resolve(session.expired()).catch(() => undefined);
    } catch {
      // The session's own handler failed: the request still rejects with its 401 below.
    }
  };

  client.use({
    onRequest({ request }) {
      // A request may name a session of its own (ending the one a new sign-in replaced).
      const token = session.token();
      if (token && !request.headers.has('Authorization')) {
        request.headers.set('Authorization', `Bearer ${token}`);
      }
      return request;
    },
    async onResponse({ request, response, schemaPath }) {
      if (response.ok) return response;
      const error = await ApiError.fromResponse(response);
      if (response.status === 401 && !NOT_A_SESSION_END.has(schemaPath)) {
        const sent = BEARER.exec(request.headers.get('Authorization') ?? '')?.[1];
        if (sent) sessionRefused(sent);
      }
      throw error;
    },
    onError({ error }) {
      return error instanceof ApiError ? error : ApiError.network(error);
    },
  });
  return client;
}

/** The data of a successful call (the call rejects with an ApiError otherwise). */
export async function ok<R extends { response: Response }>(
  call: Promise<R>,
): Promise<R extends { data: infer D } ? D : never> {
  const result = (await call) as R & { data?: unknown };
  return result.data as R extends { data: infer D } ? D : never;
}
