import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../logging/createLogger.js';

const INCOMING_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface RequestState {
  requestId: string;
  log: Logger;
}

/**
 * Gives each request an id (a well-formed incoming X-Request-Id is kept), a child logger that
 * stamps it on every line, the X-Request-Id response header, and one access-log line.
 */
export function requestContext(logger: Logger): Middleware<RequestState> {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = INCOMING_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ reqId: requestId });
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      ctx.state.log.info(
        {
          method: ctx.method,
          // The path only: query strings can carry personal data (?idNumber=…).
          path: ctx.path,
          status: ctx.status,
          ms: Math.round(ms * 10) / 10,
        },
        'request completed',
      );
    }
  };
}
