/**
 * Builds and serves the dev page under the CSP tests use: `npx tsx runtime/renderer/dev/serve.ts
 * [--engine http://127.0.0.1:3000] [--port 5180]`; prints the address on its first line.
 */
import { buildDevPage } from './buildDevPage.js';
import { startDevServer } from './devServer.js';

const arg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};

const distDir = await buildDevPage();
const server = await startDevServer({
  distDir,
  engineUrl: arg('--engine'),
  port: arg('--port') ? Number(arg('--port')) : undefined,
});
process.stdout.write(`${server.url}\n`);
