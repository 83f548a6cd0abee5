import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { defineRoute } from '../http/defineRoute.js';
import { HttpError } from '../http/HttpError.js';

const require = createRequire(import.meta.url);
const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));

/** The only swagger-ui files served; nothing else under its folder is reachable. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
};

const DOCS_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Formwork API 文档 / API reference</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script>
</body>
</html>
`;

const INIT_JS = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

/** The OpenAPI document and its rendering with swagger-ui (served locally, no CDN). */
export function docsRoutes(document: () => unknown) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      operationId: 'getOpenApiDocument',
      summary: 'This OpenAPI 3.1 document, generated from the route definitions',
      tags: ['system'],
      access: { public: true, reason: 'The API description holds no data.' },
      responses: {
        200: { description: 'OpenAPI 3.1 document', schema: z.record(z.string(), z.unknown()) },
      },
      handler: () => document(),
    }),
    defineRoute({
      method: 'get',
      path: '/api/docs',
      operationId: 'getApiDocs',
      summary: 'The API reference rendered in the browser',
      tags: ['system'],
      access: { public: true, reason: 'The API description holds no data.' },
      responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
      handler: (_input, ctx) => {
        ctx.type = 'text/html; charset=utf-8';
        ctx.set(
          'Content-Security-Policy',
          "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'",
        );
        return DOCS_HTML;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/docs/assets/:file',
      operationId: 'getApiDocsAsset',
      summary: 'Static files of the API reference page',
      tags: ['system'],
      access: { public: true, reason: 'Static files of the reference page.' },
      request: { params: z.object({ file: z.string() }) },
      responses: {
        200: { description: 'CSS or JavaScript', contentType: 'application/javascript' },
      },
      handler: ({ params }, ctx) => {
        if (params.file === 'init.js') {
          ctx.type = 'application/javascript; charset=utf-8';
          return INIT_JS;
        }
        const type = ASSETS[params.file];
        if (!type) throw HttpError.notFound();
        ctx.type = type;
        ctx.set('Cache-Control', 'public, max-age=86400');
        return fs.createReadStream(path.join(swaggerDir, params.file));
      },
    }),
  ];
}
