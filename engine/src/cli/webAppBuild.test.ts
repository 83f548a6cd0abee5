import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_BUILD_SCRIPT, ensureWebAppBuilt, WebAppBuildError } from './webAppBuild.js';

/**
 * `formwork start` and `npm install` ask the app's build script whether runtime/dist/app matches
 * the sources. Here the script runs in a repository of its own in a temporary folder (no
 * node_modules, so it can never build there): what it says, and that a start is refused when the
 * build is stale and cannot be made.
 */
let repo: string;
let script: string;
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  fs.writeFileSync(path.join(repo, file), text);
};

beforeEach(async () => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-appbuild-'));
  script = path.join(repo, 'runtime', 'app', 'scripts', 'build.mjs');
  write('runtime/app/scripts/build.mjs', fs.readFileSync(APP_BUILD_SCRIPT, 'utf8'));
  write('runtime/app/index.html', '<!doctype html>\n');
  write('runtime/app/main.ts', 'export {};\n');
  write('runtime/app/api/client.test.ts', '// a test\n');
  write('runtime/package.json', '{}\n');
  write('definitions/src/index.ts', 'export const x = 1;\n');
  write('definitions/package.json', '{}\n');
  write('package-lock.json', '{}\n');
  // A build made from exactly these sources.
  const { sourceHash } = (await import(pathToFileURL(script).href)) as {
    sourceHash: () => string;
  };
  write('runtime/dist/app/index.html', '<!doctype html><title>built</title>\n');
  write('runtime/dist/app-build.json', JSON.stringify({ sourceHash: sourceHash() }));
});
afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

const check = () => {
  const result = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  return { code: result.status, said: result.stderr };
};

describe("the app build's freshness check", () => {
  it('given a build made from the current sources, when the engine starts, then it starts without building', async () => {
    expect(check()).toEqual({ code: 0, said: '' });
    await expect(ensureWebAppBuilt(script)).resolves.toBeUndefined();
    expect(fs.readFileSync(path.join(repo, 'runtime/dist/app/index.html'), 'utf8')).toContain(
      'built',
    );
  });

  it('given a screen or the definitions the app bundles changed since the build, when asked, then the build is stale', () => {
    write('runtime/app/main.ts', 'export const changed = true;\n');
    expect(check()).toEqual({
      code: 1,
      said: 'The app needs building: the sources changed since it was built\n',
    });
    write('runtime/app/main.ts', 'export {};\n');
    expect(check().code).toBe(0);
    write('definitions/src/rule.ts', 'export const y = 2;\n');
    expect(check().code).toBe(1);
  });

  it("given the service worker's source changed since the build, when asked, then the build is stale (its sw.js would be the old worker)", () => {
    write('runtime/app/serviceWorker/sw.ts', 'export {};\n');
    expect(check().code).toBe(1);
  });

  it('given only a test file changed, when asked, then the build is still fresh (tests are not bundled)', () => {
    write('runtime/app/api/client.test.ts', '// another test\n');
    expect(check().code).toBe(0);
  });

  it('given no build at all (a fresh clone), when asked, then it says the build is missing', () => {
    fs.rmSync(path.join(repo, 'runtime/dist'), { recursive: true });
    expect(check()).toEqual({
      code: 1,
      said: 'The app needs building: runtime/dist/app is missing\n',
    });
  });

  it('given a stale build that cannot be rebuilt here, when the engine starts, then the start is refused with the reason instead of serving a stale app', async () => {
    write('runtime/app/main.ts', 'export const changed = true;\n');
    const rebuild = spawnSync(process.execPath, [script, '--if-stale'], { encoding: 'utf8' });
    expect(rebuild.status).toBe(1);
    expect(rebuild.stderr).toContain('Vite is not installed');
    await expect(ensureWebAppBuilt(script)).rejects.toBeInstanceOf(WebAppBuildError);
    // The half-made build is not called fresh afterwards.
    expect(check().code).toBe(1);
  });
});
