import type { ParameterizedContext } from 'koa';
import type { z } from 'zod';
import type { Caller } from '../access/Caller.js';
import type { Permission } from '../access/permissions.js';
import type { Scope } from '../access/Scope.js';
import type { RequestState } from './requestContext.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route. Every route states it and the registry enforces it before the handler
 * runs (deny by default): `public` with the reason it needs no sign-in, `signedIn` for any live
 * session (e.g. sign-out), or a `permission` the caller must hold somewhere; the handler then
 * gets the Scope where they hold it.
 */
export type RouteAccess =
  { public: true; reason: string } | { signedIn: true } | { permission: Permission };

export interface RouteResponse {
  description: string;
  /** JSON body schema; omit for responses without a JSON body. */
  schema?: z.ZodType;
  /** Non-JSON media type (e.g. text/html) with no schema. */
  contentType?: string;
}

export interface RouteRequest {
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
}

export interface RouteInput<R extends RouteRequest> {
  params: R['params'] extends z.ZodType ? z.output<R['params']> : Record<string, string>;
  query: R['query'] extends z.ZodType ? z.output<R['query']> : Record<string, unknown>;
  body: R['body'] extends z.ZodType ? z.output<R['body']> : undefined;
  /** The signed-in caller (undefined on public routes). */
  caller: Caller | undefined;
  /** Where the caller holds the route's permission (undefined unless the route names one). */
  scope: Scope | undefined;
}

/**
 * One HTTP route: its path, what it accepts and returns (zod schemas, validated on the way in
 * and published in the OpenAPI document), who may call it, and its handler. The handler returns
 * the response body; the status is the first 2xx in `responses` unless it sets ctx.status.
 */
export interface RouteDefinition<R extends RouteRequest = RouteRequest> {
  method: HttpMethod;
  /** Koa-style path, e.g. /api/things/:id */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  access: RouteAccess;
  request?: R;
  responses: Record<number, RouteResponse>;
  handler: (
    input: RouteInput<R>,
    ctx: ParameterizedContext<RequestState>,
  ) => unknown | Promise<unknown>;
}

/** Identity function that keeps the request schemas' types flowing into the handler. */
export function defineRoute<R extends RouteRequest>(route: RouteDefinition<R>): RouteDefinition<R> {
  return route;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRouteDefinition = RouteDefinition<any>;
