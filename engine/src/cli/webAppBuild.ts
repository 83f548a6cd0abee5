import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The frontline app's build script (runtime/app/scripts/build.mjs), found by path, not imported. */
export const APP_BUILD_SCRIPT = fileURLToPath(
  new URL('../../../runtime/app/scripts/build.mjs', import.meta.url),
);

export class WebAppBuildError extends Error {
  override name = 'WebAppBuildError';
}

/**
 * Before `formwork start` serves /app/, the app's build must match its sources: the build script
 * answers "fresh" in milliseconds from its stamp (a hash of the sources), else rebuilds under a
 * lock (several engines starting at once build once). A build that fails stops the start with a
 * clear message — an engine never serves a stale app or silently none. An engine installed
 * without the app's sources serves whatever build it has.
 */
export async function ensureWebAppBuilt(script = APP_BUILD_SCRIPT): Promise<void> {
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
      '基层工作台（/app/）构建失败，Formwork 未启动 / The frontline app (/app/) could not be built, so ' +
        'Formwork did not start: the reason is printed above. Fix it, or run `npm run build:app` ' +
        'to try the build alone.',
    );
  }
}
