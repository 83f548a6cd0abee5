#!/usr/bin/env node
/**
 * Builds the web apps the engine serves, each with Vite, into the folder the engine serves it from,
 * and writes a stamp beside each build naming the hash of every source that goes into its bundle:
 *
 *   app       the frontline app (runtime/app) → runtime/dist/app, served at /app/, with its
 *             service worker (`sw.js`, from runtime/app/serviceWorker/ with the list of the built
 *             files; the worker's source is among the hashed sources)
 *   designer  the designer (designer/app) → designer/dist/designer, served at /designer/; it
 *             bundles the parts of runtime/app it shares (api/, session/, i18n/, shell/) and the
 *             form renderer, so they are among its sources
 *
 * Plain JavaScript on purpose: `formwork start` runs it before each start (`--if-stale`), and it
 * must answer "fresh" in milliseconds.
 *
 *   node runtime/scripts/buildWebApps.mjs [app|designer …]             build now (no name: both)
 *   node runtime/scripts/buildWebApps.mjs [app|designer …] --if-stale  build only those whose stamp
 *                                                       does not match their sources (root
 *                                                       `prepare`, `formwork start`)
 *   node runtime/scripts/buildWebApps.mjs [app|designer …] --check     exit 1 (and say why) when
 *                                                       one is stale; never build
 *
 * Exit codes: 0 fresh or built, 1 stale (--check) or a build failed. Two processes starting at
 * once do not build twice: the second waits for the first's lock and then finds the stamp fresh.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const runtimeDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const repoDir = path.dirname(runtimeDir);
const appDir = path.join(runtimeDir, 'app');
const designerDir = path.join(repoDir, 'designer');

/**
 * One web app: where its Vite config is, where its build goes (`outDir`, beside it the stamp
 * `<name>-build.json`, the lock, and `<name>.next` / `<name>.old` while a build replaces it), the
 * folders and files whose content goes into its bundle, and its service worker's source if any.
 */
function webApp(name, { title, viteConfig, distDir, sourceDirs, sourceFiles, serviceWorker }) {
  const outDir = path.join(distDir, name);
  return {
    name,
    title,
    viteConfig,
    outDir,
    stampFile: path.join(distDir, `${name}-build.json`),
    lockFile: path.join(distDir, `${name}-build.lock`),
    nextDir: path.join(distDir, `${name}.next`),
    oldDir: path.join(distDir, `${name}.old`),
    sourceDirs,
    sourceFiles,
    serviceWorker,
  };
}

const SHARED_FILES = [
  path.join(runtimeDir, 'package.json'),
  path.join(repoDir, 'definitions', 'package.json'),
  path.join(repoDir, 'package-lock.json'),
];

export const WEB_APPS = {
  app: webApp('app', {
    title: 'the frontline app (/app/)',
    viteConfig: path.join(appDir, 'vite.config.ts'),
    distDir: path.join(runtimeDir, 'dist'),
    sourceDirs: [
      appDir,
      path.join(runtimeDir, 'renderer'),
      path.join(repoDir, 'definitions', 'src'),
    ],
    sourceFiles: SHARED_FILES,
    serviceWorker: path.join(appDir, 'serviceWorker', 'sw.ts'),
  }),
  designer: webApp('designer', {
    title: 'the designer (/designer/)',
    viteConfig: path.join(designerDir, 'app', 'vite.config.ts'),
    distDir: path.join(designerDir, 'dist'),
    // What the designer imports of runtime/app (the lint allows these folders only).
    sourceDirs: [
      path.join(designerDir, 'app'),
      ...['api', 'session', 'i18n', 'shell', 'components'].map((dir) => path.join(appDir, dir)),
      path.join(runtimeDir, 'renderer'),
      path.join(repoDir, 'definitions', 'src'),
    ],
    sourceFiles: [
      path.join(designerDir, 'package.json'),
      path.join(appDir, 'styles.css'),
      ...SHARED_FILES,
    ],
    serviceWorker: undefined,
  }),
};
export const WEB_APP_NAMES = Object.keys(WEB_APPS);

const SKIP = /(^|\/)(node_modules|dist|\.vite)(\/|$)|\.test\.ts$|\.e2e\.ts$/;

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (SKIP.test(path.relative(repoDir, full))) continue;
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

const relative = (file) => path.relative(repoDir, file).split(path.sep).join('/');

/** sha256 over the path and content of every source file of `app`, in a stable order. */
export function sourceHash(app = WEB_APPS.app) {
  const files = [
    ...app.sourceDirs.flatMap(listFiles),
    ...app.sourceFiles.filter((f) => fs.existsSync(f)),
  ];
  files.sort();
  const hash = crypto.createHash('sha256');
  for (const file of files) {
    hash.update(relative(file));
    hash.update('\0');
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Why the built app does not match its sources, or undefined when it does. */
export function staleness(app = WEB_APPS.app, hash = sourceHash(app)) {
  if (!fs.existsSync(path.join(app.outDir, 'index.html')))
    return `${relative(app.outDir)} is missing`;
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(app.stampFile, 'utf8'));
  } catch {
    return `${relative(app.stampFile)} is missing`;
  }
  if (stamp.sourceHash !== hash) return 'the sources changed since it was built';
  return undefined;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Takes an app's build lock (a file made with O_EXCL); a lock older than 10 minutes is stale. */
async function withLock(lockFile, action) {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (;;) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const age = Date.now() - fs.statSync(lockFile, { throwIfNoEntry: false })?.mtimeMs;
      if (age > 10 * 60_000) fs.rmSync(lockFile, { force: true });
      else await sleep(250);
    }
  }
  try {
    return await action();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

export const SERVICE_WORKER_FILE = 'sw.js';

/**
 * Lazy chunks the worker does not precache: screens that need the network anyway, whose size
 * every device (village doctors' phones included) would otherwise download — the reports page
 * with ECharts (~185 KiB gzipped). Fetched when opened, then kept like any build file.
 */
export const ONLINE_ONLY = [/^assets\/ReportsScreen-/];

/**
 * What the service worker precaches: every file the build emitted (index.html, hashed scripts,
 * stylesheets, fonts, lazy chunks), relative to the app's URL; never dot-files (the Vite
 * manifest in `.vite/`), the worker itself or an ONLINE_ONLY chunk.
 */
export function precacheList(dir) {
  const files = [];
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (
        entry.isFile() &&
        rel !== SERVICE_WORKER_FILE &&
        !ONLINE_ONLY.some((pattern) => pattern.test(rel))
      )
        files.push(rel);
    }
  };
  walk('');
  return files.sort();
}

/**
 * Writes `sw.js` into a finished build: the worker's source compiled by esbuild, with the list of
 * the build's files and the build's id (a hash of those files' names and contents) put in. A
 * build that changes any file is a new worker, which caches the new files and deletes the old.
 */
async function writeServiceWorker(source, dir) {
  const files = precacheList(dir);
  const hash = crypto.createHash('sha256');
  for (const file of files) {
    hash.update(file);
    hash.update('\0');
    hash.update(fs.readFileSync(path.join(dir, file)));
    hash.update('\0');
  }
  const buildId = hash.digest('hex').slice(0, 16);
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [source],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    define: {
      __FORMWORK_BUILD_ID__: JSON.stringify(buildId),
      __FORMWORK_PRECACHE__: JSON.stringify(files),
    },
    banner: {
      js: `// Formwork app service worker, build ${buildId}: compiled by runtime/scripts/buildWebApps.mjs from ${relative(path.dirname(source))}/ (edit there).`,
    },
  });
  fs.writeFileSync(path.join(dir, SERVICE_WORKER_FILE), result.outputFiles[0].text);
}

async function build(app, hash) {
  let vite;
  try {
    vite = await import('vite');
  } catch {
    throw new Error(
      'Vite is not installed, so the web apps cannot be built: run `npm install` (with the dev dependencies) in the repository',
    );
  }
  const started = Date.now();
  // A build that fails halfway must not leave a stamp that calls the half-written output fresh.
  fs.rmSync(app.stampFile, { force: true });
  // Built beside the served folder and swapped in whole: an engine serving the app meanwhile
  // never finds the folder empty or half-written.
  fs.rmSync(app.nextDir, { recursive: true, force: true });
  await vite.build({
    configFile: app.viteConfig,
    logLevel: process.env.APP_BUILD_LOG ?? 'warn',
    build: { outDir: app.nextDir, emptyOutDir: true },
  });
  if (app.serviceWorker) await writeServiceWorker(app.serviceWorker, app.nextDir);
  fs.rmSync(app.oldDir, { recursive: true, force: true });
  if (fs.existsSync(app.outDir)) fs.renameSync(app.outDir, app.oldDir);
  fs.renameSync(app.nextDir, app.outDir);
  fs.rmSync(app.oldDir, { recursive: true, force: true });
  fs.writeFileSync(
    app.stampFile,
    `${JSON.stringify({ sourceHash: hash, builtAt: new Date().toISOString() }, null, 2)}\n`,
  );
  process.stderr.write(
    `Formwork: ${app.title} built into ${relative(app.outDir)} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

/** Checks, or builds when stale, or builds one app; resolves to its exit code. */
async function run(app, mode) {
  if (mode === 'check') {
    const why = staleness(app);
    if (why) process.stderr.write(`Formwork: ${app.title} needs building: ${why}\n`);
    return why ? 1 : 0;
  }
  return withLock(app.lockFile, async () => {
    const hash = sourceHash(app);
    const why = staleness(app, hash);
    if (mode === 'if-stale' && !why) return 0;
    if (why) process.stderr.write(`Formwork: building ${app.title} (${why})…\n`);
    try {
      await build(app, hash);
    } catch (err) {
      throw new Error(`${app.title}: ${err?.message ?? err}`, { cause: err });
    }
    return 0;
  });
}

async function main(argv) {
  const mode = argv.includes('--check')
    ? 'check'
    : argv.includes('--if-stale')
      ? 'if-stale'
      : 'build';
  const named = argv.filter((arg) => !arg.startsWith('--'));
  const unknown = named.filter((name) => !WEB_APP_NAMES.includes(name));
  if (unknown.length) {
    process.stderr.write(
      `Formwork: no web app named ${unknown.join(', ')} (one of: ${WEB_APP_NAMES.join(', ')})\n`,
    );
    return 1;
  }
  let code = 0;
  // One after the other: two Vite builds at once would only compete for the same cores.
  for (const name of named.length ? named : WEB_APP_NAMES) {
    code = Math.max(code, await run(WEB_APPS[name], mode));
  }
  return code;
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`Formwork: building the web apps failed: ${err?.message ?? err}\n`);
      process.exitCode = 1;
    },
  );
}
