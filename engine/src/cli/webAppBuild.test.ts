import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureWebAppBuilt, WEB_APPS_BUILD_SCRIPT, WebAppBuildError } from './webAppBuild.js';

/**
 * `formwork start` and `npm install` ask the web apps' build script whether runtime/dist/app and
 * designer/dist/designer match their sources. Here the script runs in a repository of its own in a
 * temporary folder (no node_modules, so it can never build there): what it says, and that a start
 * is refused when a build is stale and cannot be made.
 */
interface WebAppEntry {
  name: string;
}
interface BuildScript {
  sourceHash: (app: WebAppEntry) => string;
  WEB_APPS: Record<'app' | 'designer', WebAppEntry>;
}

let repo: string;
let script: string;
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  fs.writeFileSync(path.join(repo, file), text);
};

beforeEach(async () => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-appbuild-'));
  script = path.join(repo, 'runtime', 'scripts', 'buildWebApps.mjs');
  write('runtime/scripts/buildWebApps.mjs', fs.readFileSync(WEB_APPS_BUILD_SCRIPT, 'utf8'));
  write('runtime/app/index.html', '<!doctype html>\n');
  write('runtime/app/main.ts', 'export {};\n');
  write('runtime/app/session/session.ts', 'export {};\n');
  write('runtime/app/screens/worklist/WorklistScreen.vue', '<template><p /></template>\n');
  write('runtime/app/api/client.test.ts', '// a test\n');
  write('runtime/package.json', '{}\n');
  write('designer/app/index.html', '<!doctype html>\n');
  write('designer/app/main.ts', 'export {};\n');
  write('designer/package.json', '{}\n');
  write('definitions/src/index.ts', 'export const x = 1;\n');
  write('definitions/package.json', '{}\n');
  write('package-lock.json', '{}\n');
  // Builds made from exactly these sources.
  const { sourceHash, WEB_APPS } = (await import(pathToFileURL(script).href)) as BuildScript;
  write('runtime/dist/app/index.html', '<!doctype html><title>built</title>\n');
  write('runtime/dist/app-build.json', JSON.stringify({ sourceHash: sourceHash(WEB_APPS.app) }));
  write('designer/dist/designer/index.html', '<!doctype html><title>built</title>\n');
  write(
    'designer/dist/designer-build.json',
    JSON.stringify({ sourceHash: sourceHash(WEB_APPS.designer) }),
  );
});
afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

const check = (...apps: string[]) => {
  const result = spawnSync(process.execPath, [script, ...apps, '--check'], { encoding: 'utf8' });
  return { code: result.status, said: result.stderr };
};

describe("the web apps' build freshness check", () => {
  it('given builds made from the current sources, when the engine starts, then it starts without building', async () => {
    expect(check()).toEqual({ code: 0, said: '' });
    await expect(ensureWebAppBuilt(script)).resolves.toBeUndefined();
    expect(fs.readFileSync(path.join(repo, 'runtime/dist/app/index.html'), 'utf8')).toContain(
      'built',
    );
  });

  it('given a screen or the definitions the app bundles changed since the build, when asked, then the build is stale', () => {
    write('runtime/app/main.ts', 'export const changed = true;\n');
    expect(check('app')).toEqual({
      code: 1,
      said: 'Formwork: the frontline app (/app/) needs building: the sources changed since it was built\n',
    });
    write('runtime/app/main.ts', 'export {};\n');
    expect(check().code).toBe(0);
    write('definitions/src/rule.ts', 'export const y = 2;\n');
    expect(check('app').code).toBe(1);
    expect(check('designer').code).toBe(1);
  });

  it("given the service worker's source changed since the build, when asked, then the build is stale (its sw.js would be the old worker)", () => {
    write('runtime/app/serviceWorker/sw.ts', 'export {};\n');
    expect(check('app').code).toBe(1);
  });

  it('given only a test file changed, when asked, then the build is still fresh (tests are not bundled)', () => {
    write('runtime/app/api/client.test.ts', '// another test\n');
    expect(check().code).toBe(0);
  });

  it('given a screen of the designer changed, when asked, then the designer is stale and the frontline app is not', () => {
    write('designer/app/screens/review/ReviewScreen.vue', '<template><p /></template>\n');
    expect(check('designer')).toEqual({
      code: 1,
      said: 'Formwork: the designer (/designer/) needs building: the sources changed since it was built\n',
    });
    expect(check('app').code).toBe(0);
  });

  it('given the session the designer shares with the frontline app changed, when asked, then both are stale; a frontline screen only the frontline app', () => {
    write('runtime/app/session/session.ts', 'export const changed = true;\n');
    expect(check('app').code).toBe(1);
    expect(check('designer').code).toBe(1);
    write('runtime/app/session/session.ts', 'export {};\n');
    write('runtime/app/screens/worklist/WorklistScreen.vue', '<template><div /></template>\n');
    expect(check('app').code).toBe(1);
    expect(check('designer').code).toBe(0);
  });

  it('given no build at all (a fresh clone), when asked, then it says each build is missing', () => {
    fs.rmSync(path.join(repo, 'runtime/dist'), { recursive: true });
    fs.rmSync(path.join(repo, 'designer/dist'), { recursive: true });
    expect(check()).toEqual({
      code: 1,
      said:
        'Formwork: the frontline app (/app/) needs building: runtime/dist/app is missing\n' +
        'Formwork: the designer (/designer/) needs building: designer/dist/designer is missing\n',
    });
  });

  it('given a name that is no web app, when asked, then it says which names there are', () => {
    expect(check('reports')).toEqual({
      code: 1,
      said: 'Formwork: no web app named reports (one of: app, designer)\n',
    });
  });

  it('given a stale build that cannot be rebuilt here, when the engine starts, then the start is refused with the reason instead of serving a stale app', async () => {
    write('designer/app/main.ts', 'export const changed = true;\n');
    const rebuild = spawnSync(process.execPath, [script, '--if-stale'], { encoding: 'utf8' });
    expect(rebuild.status).toBe(1);
    expect(rebuild.stderr).toContain('the designer (/designer/): Vite is not installed');
    await expect(ensureWebAppBuilt(script)).rejects.toBeInstanceOf(WebAppBuildError);
    // The half-made build is not called fresh afterwards; the frontline app's still is.
    expect(check('designer').code).toBe(1);
    expect(check('app').code).toBe(0);
  });
});
