import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The web apps' build script (runtime/scripts/buildWebApps.mjs: the frontline app and the
 * designer), found by path, not imported.
 */
export const WEB_APPS_BUILD_SCRIPT = fileURLToPath(
  new URL('../../../runtime/scripts/buildWebApps.mjs', import.meta.url),
);

export class WebAppBuildError extends Error {
  override name = 'WebAppBuildError';
}

/**
 * Before `formwork start` serves /app/ and /designer/, each web app's build must match its
 * sources: the build script answers "fresh" in milliseconds from each app's stamp (a hash of its
 * sources), else rebuilds that app under a lock (several engines starting at once build once). A
 * build that fails stops the start with a clear message — an engine never serves a stale app or
 * silently none. An engine installed without the apps' sources serves whatever builds it has.
 */
export async function ensureWebAppBuilt(script = WEB_APPS_BUILD_SCRIPT): Promise<void> {
  if (!fs.existsSync(script)) return;
  const child = spawn(process.execPath, [script, '--if-stale'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The engine's stdout carries its JSON log lines: the build speaks on stderr.
  child.stdout.pipe(process.stderr, { end: false });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) {
    throw new WebAppBuildError(
      '网页应用（/app/、/designer/）构建失败，Formwork 未启动 / A web app (/app/ or /designer/) could ' +
        'not be built, so Formwork did not start: the reason is printed above. Fix it, or run ' +
        '`npm run build:apps` to try the build alone.',
    );
  }
}
