/**
 * What the engine (or the network) said when a call did not succeed: the engine's error body
 * `{ error: { code, message, details } }` with the HTTP status, or `network_unreachable` (status
 * 0) when no answer came. Screens switch on `code`; `text(locale)` is the engine's own words in
 * the user's language (its messages are "中文 / English").
 */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** The half of the engine's bilingual message in `locale` (the whole message if not split). */
  text(locale: string): string {
    const slash = this.message.indexOf(' / ');
    if (slash < 0) return this.message;
    return locale.startsWith('zh') ? this.message.slice(0, slash) : this.message.slice(slash + 3);
  }

  /** No answer reached the app: offline, DNS, a dropped connection. */
  static network(cause: unknown): ApiError {
    const error = new ApiError(
      0,
      'network_unreachable',
      '无法连接服务器 / The server cannot be reached',
    );
    error.cause = cause;
    return error;
  }

  /** The error carried by a response that is not 2xx; any body that is not the engine's shape still gives one. */
  static async fromResponse(response: Response): Promise<ApiError> {
    let body: unknown;
    try {
      body = await response.clone().json();
    } catch {
      body = undefined;
    }
    const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } })
      ?.error;
    if (error && typeof error.code === 'string' && typeof error.message === 'string') {
      return new ApiError(response.status, error.code, error.message, error.details);
    }
    return new ApiError(
      response.status,
      `http_${response.status}`,
      `服务器返回 ${response.status} / The server answered ${response.status}`,
    );
  }
}
