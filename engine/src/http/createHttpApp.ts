import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import type { Logger } from '../logging/createLogger.js';
import { compressResponses } from './compressResponses.js';
import { errorHandler, notFound } from './errorHandler.js';
import { requestContext, type RequestState } from './requestContext.js';
import type { RouteRegistry } from './RouteRegistry.js';
import type { AccessGate } from './AccessGate.js';
import { screenJsonBody, screenRequestTarget } from './screenInput.js';
import { serveWebApps, type WebApp } from './webApps.js';

export interface HttpAppOptions {
  registry: RouteRegistry;
  gate: AccessGate;
  logger: Logger;
  bodyLimitBytes: number;
  /** The built web apps served under their mounts (/app/, /designer/). */
  webApps?: WebApp[];
}

/**
 * The Koa application: request id and access log, JSON errors, the request target screened
 * (length, query parameters), answers compressed (brotli or gzip), the built web apps (GET under /app/ and /designer/), a
 * size-limited JSON body parser whose result is screened (nesting, unstorable text) before any
 * route runs, every registered route, then a JSON 404.
 */
export function createHttpApp({
  registry,
  gate,
  logger,
  bodyLimitBytes,
  webApps = [],
}: HttpAppOptions) {
  const app = new Koa<RequestState>({ proxy: false });
  // Koa's own error event would print stacks of errors we already turned into responses.
  app.silent = true;
  app.on('error', (err) => logger.error({ err }, 'koa error outside a request'));
  app.use(requestContext(logger));
  app.use(errorHandler());
  app.use(async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    await next();
  });
  app.use(screenRequestTarget());
  app.use(compressResponses());
  app.use(serveWebApps(webApps));
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: bodyLimitBytes,
      jsonStrict: true,
      encoding: 'utf-8',
    }),
  );
  app.use(screenJsonBody());
  const router = registry.router(gate);
  app.use(router.routes());
  app.use(notFound());
  return app;
}
