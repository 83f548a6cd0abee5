import Router from '@koa/router';
import type { ParameterizedContext } from 'koa';
import type { z } from 'zod';
import { HttpError } from './HttpError.js';
import type { AnyRouteDefinition, RouteInput, RouteRequest } from './defineRoute.js';
import type { RequestState } from './requestContext.js';
import type { AccessGate } from './AccessGate.js';
import { assertStorableParameters } from './screenInput.js';

/** A zod issue as the client sees it: where (JSON pointer) and what. */
function issuesOf(error: z.ZodError, root: string) {
  return error.issues.map((issue) => ({
    path: `/${[root, ...issue.path.map(String)].join('/')}`,
    code: issue.code,
    message: issue.message,
  }));
}

function parsePart(schema: z.ZodType | undefined, value: unknown, part: string): unknown {
  if (!schema) return value;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new HttpError(
      400,
      'invalid_request',
      `请求${part === 'body' ? '体' : '参数'}不符合接口定义 / Request ${part} does not match the API`,
      { issues: issuesOf(result.error, part) },
    );
  }
  return result.data;
}

/**
 * The engine's routes. Route definitions are added here (by the engine and by plugins), mounted
 * on one Koa router, and the same definitions generate the OpenAPI document, so the two cannot
 * drift apart.
 */
export class RouteRegistry {
  readonly #routes: AnyRouteDefinition[] = [];
  readonly #keys = new Set<string>();
  readonly #operationIds = new Set<string>();

  add(route: AnyRouteDefinition): void {
    const key = `${route.method.toUpperCase()} ${route.path}`;
    if (this.#keys.has(key)) throw new Error(`Route ${key} is defined twice`);
    if (this.#operationIds.has(route.operationId)) {
      throw new Error(`operationId ${route.operationId} is used twice`);
    }
    if (!Object.keys(route.responses).length) throw new Error(`Route ${key} declares no response`);
    this.#keys.add(key);
    this.#operationIds.add(route.operationId);
    this.#routes.push(route);
  }

  get routes(): readonly AnyRouteDefinition[] {
    return this.#routes;
  }

  /**
   * A Koa router serving every registered route: path parameters screened for text PostgreSQL
   * cannot store (422, like the query and the body before routing), the access gate (401/403,
   * audited), then params, query and body validated against the route's schemas, then the handler.
   */
  router(gate: AccessGate): Router<RequestState> {
    const router = new Router<RequestState>();
    for (const route of this.#routes) {
      const success = Object.keys(route.responses)
        .map(Number)
        .find((status) => status >= 200 && status < 300);
      router[route.method](route.path, async (ctx) => {
        assertStorableParameters(ctx.params, '/params');
        const { caller, scope } = await gate.admit(ctx, route.access);
        const request: RouteRequest = route.request ?? {};
        const input = {
          caller,
          scope,
          params: parsePart(request.params, { ...ctx.params }, 'params'),
          query: parsePart(request.query, { ...ctx.query }, 'query'),
          body: request.body
            ? parsePart(request.body, (ctx.request as { body?: unknown }).body, 'body')
            : undefined,
        } as RouteInput<RouteRequest>;
        ctx.status = success ?? 200;
        const body = await route.handler(input, ctx as ParameterizedContext<RequestState>);
        if (body !== undefined) ctx.body = body;
      });
    }
    return router;
  }
}
