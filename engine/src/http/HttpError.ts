/**
 * An error meant for the client. Anything thrown that is not an HttpError (or a known body-parser
 * error) becomes a 500 with no detail, and its stack goes to the log, never to the client.
 * Messages are zh-CN first with English after a slash: clients may also switch on `code`.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  static badRequest(message: string, details?: unknown) {
    return new HttpError(400, 'bad_request', message, details);
  }
  static notFound(message = '资源不存在 / Not found', details?: unknown) {
    return new HttpError(404, 'not_found', message, details);
  }
  static conflict(message: string, details?: unknown) {
    return new HttpError(409, 'conflict', message, details);
  }
}

/** The JSON body of every error response (ARCHITECTURE.md, HTTP contract). */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
