import type { Middleware } from 'koa';
import { HttpError, type ErrorBody } from './HttpError.js';
import type { RequestState } from './requestContext.js';

interface BodyParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
  limit?: number;
}

/** Maps what koa's body parser and raw-body throw onto our error codes. */
function fromParserError(err: BodyParserError): HttpError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new HttpError(
        400,
        'malformed_json',
        '请求体不是有效的 JSON / Request body is not valid JSON',
        {
          reason: err.message,
        },
      );
    case 'entity.too.large':
      return new HttpError(
        413,
        'payload_too_large',
        `请求体过大 / Request body exceeds the limit of ${err.limit} bytes`,
        { limitBytes: err.limit },
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported_encoding', `不支持的编码 / ${err.message}`);
    case 'request.aborted':
      return new HttpError(400, 'request_aborted', '请求已中断 / Request aborted');
    case 'request.size.invalid':
      return new HttpError(
        400,
        'bad_request',
        '请求长度不符 / Request size did not match Content-Length',
      );
  }
  const status = err.status ?? err.statusCode;
  // co-body throws the SyntaxError of JSON.parse with status 400 and no type.
  if (err instanceof SyntaxError && status === 400) {
    return new HttpError(
      400,
      'malformed_json',
      '请求体不是有效的 JSON / Request body is not valid JSON',
      {
        reason: err.message,
      },
    );
  }
  if (err.expose && status && status >= 400 && status < 500) {
    return new HttpError(status, 'bad_request', err.message ?? 'Bad request');
  }
  return undefined;
}

/**
 * Turns every failure into `{ error: { code, message, details } }`. Client errors (4xx) are logged
 * at info without a stack; only unexpected failures are logged at error level, with the stack,
 * and the client gets a 500 that names the request id and nothing else.
 */
export function errorHandler(): Middleware<RequestState> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (caught) {
      const known =
        caught instanceof HttpError ? caught : fromParserError((caught ?? {}) as BodyParserError);
      let body: ErrorBody;
      if (known) {
        ctx.status = known.status;
        body = { error: { code: known.code, message: known.message } };
        if (known.details !== undefined) body.error.details = known.details;
        ctx.state.log?.info({ status: known.status, code: known.code }, 'request rejected');
      } else {
        ctx.status = 500;
        body = {
          error: {
            code: 'internal_error',
            message: '服务器内部错误 / Internal server error',
            details: { requestId: ctx.state.requestId },
          },
        };
        ctx.state.log?.error({ err: caught }, 'unhandled error');
      }
      ctx.type = 'application/json';
      ctx.body = body;
    }
  };
}

/**
 * Mounted after the router: a path that exists with another method answers 405 with `Allow`;
 * anything else is a JSON 404.
 */
export function notFound(): Middleware {
  return (ctx) => {
    const matched = (ctx as { matched?: { methods: string[] }[] }).matched ?? [];
    const methods = [...new Set(matched.flatMap((layer) => layer.methods))];
    if (methods.length) {
      ctx.set('Allow', methods.join(', '));
      throw new HttpError(
        405,
        'method_not_allowed',
        `不支持此方法 / ${ctx.method} is not allowed on ${ctx.path} (allowed: ${methods.join(', ')})`,
      );
    }
    throw HttpError.notFound(`没有此路由 / No route for ${ctx.method} ${ctx.path}`);
  };
}
