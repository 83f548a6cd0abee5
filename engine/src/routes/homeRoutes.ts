import { defineRoute } from '../http/defineRoute.js';

/** The web apps this engine has built and serves (a link only to what is there). */
export interface ServedWebApps {
  app: boolean;
  designer: boolean;
}

const APP_LINKS = {
  app: '<li><a href="/app/">基层工作台</a> <span class="en">Frontline app: worklist, residents, tasks</span></li>',
  designer:
    '<li><a href="/designer/">配置工具</a> <span class="en">Designer: forms, workflows, publishing</span></li>',
};

/**
 * The start page links only what this server serves: the web apps (/app/, /designer/) get a link
 * here when their builds are there.
 */
const homeHtml = (served: ServedWebApps) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Formwork 基本公共卫生服务平台</title>
<style>
body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 3rem auto; max-width: 40rem; color: #303133; line-height: 1.6; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0; }
h2 { font-size: 1.2rem; margin-bottom: 0; }
.en { color: #909399; font-size: .9rem; }
a { color: #409eff; }
li { margin: .4rem 0; }
</style>
</head>
<body>
<h1>Formwork 基本公共卫生服务平台</h1>
<p class="en">Metadata-driven forms and workflows for basic public-health services</p>
${
  served.app || served.designer
    ? `<h2>使用 <span class="en">Use it</span></h2>
<ul>
${served.app ? APP_LINKS.app : ''}
${served.designer ? APP_LINKS.designer : ''}
</ul>
`
    : ''
}<p>本服务提供以下接口 <span class="en">This server offers its API:</span></p>
<ul>
<li><a href="/api/docs">接口文档</a> <span class="en">API reference</span></li>
<li><a href="/api/openapi.json">OpenAPI 描述</a> <span class="en">OpenAPI document (JSON)</span></li>
<li><a href="/api/health">运行状态</a> <span class="en">Health</span></li>
<li><a href="/api/plugins">已加载插件</a> <span class="en">Loaded plugins</span></li>
</ul>
</body>
</html>
`;

export function homeRoutes(served: ServedWebApps = { app: false, designer: false }) {
  const html = homeHtml(served);
  return [
    defineRoute({
      method: 'get',
      path: '/',
      operationId: 'getHome',
      summary:
        'Start page linking the API reference, the OpenAPI document, health, the loaded plugins and whichever of /app/ and /designer/ are built',
      tags: ['system'],
      access: { public: true, reason: 'Static start page.' },
      responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
      handler: (_input, ctx) => {
        ctx.type = 'text/html; charset=utf-8';
        return html;
      },
    }),
  ];
}
