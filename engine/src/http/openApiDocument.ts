import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { AnyRouteDefinition } from './defineRoute.js';

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code, e.g. malformed_json' }),
      message: z.string().meta({ description: 'zh-CN message, then English after " / "' }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

/** Error responses every route can give, added to each operation. */
const COMMON_ERRORS: Record<number, string> = {
  400: 'Malformed JSON or a request that does not match the API',
  404: 'Not found',
  413: 'Request body over the limit',
  500: 'Unexpected failure (the body carries the request id only)',
};

function openApiPath(koaPath: string): string {
  return koaPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

export type OpenApiInfo = {
  title: string;
  version: string;
  description: string;
};

/** Generates the OpenAPI 3.1 document from the route definitions (never written by hand). */
export function openApiDocument(routes: readonly AnyRouteDefinition[], info: OpenApiInfo) {
  const registry = new OpenAPIRegistry();
  for (const route of routes) {
    const responses: Record<string, { description: string; content?: Record<string, unknown> }> =
      {};
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? { content: { 'application/json': { schema: response.schema } } }
          : response.contentType
            ? { content: { [response.contentType]: { schema: { type: 'string' } } } }
            : {}),
      };
    }
    const errors: Record<number, string> =
      'public' in route.access
        ? COMMON_ERRORS
        : {
            ...COMMON_ERRORS,
            401: 'Not signed in, or the session has expired',
            ...('permission' in route.access
              ? { 403: `Needs the permission ${route.access.permission} (audited when refused)` }
              : ({} as Record<number, string>)),
          };
    for (const [status, description] of Object.entries(errors)) {
      responses[status] ??= {
        description,
        content: { 'application/json': { schema: ErrorBodySchema } },
      };
    }
    registry.registerPath({
      method: route.method,
      path: openApiPath(route.path),
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      request: {
        ...(route.request?.params ? { params: route.request.params } : {}),
        ...(route.request?.query ? { query: route.request.query } : {}),
        ...(route.request?.body
          ? {
              body: {
                required: true,
                content: { 'application/json': { schema: route.request.body } },
              },
            }
          : {}),
      },
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      responses: responses as any,
      ...('public' in route.access
        ? { security: [] }
        : {
            security: [{ bearer: [] }, { sessionCookie: [] }],
            ...('permission' in route.access ? { 'x-permission': route.access.permission } : {}),
          }),
    });
  }
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'The token from POST /api/auth/login',
  });
  registry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'formwork_session',
  });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
  });
}
