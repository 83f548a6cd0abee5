#!/usr/bin/env node
/**
 * Builds the frontline app into runtime/dist/app (Vite), adds its service worker (`sw.js`, from
 * runtime/app/serviceWorker/ with the list of the built files) and writes a stamp beside it naming
 * the hash of every source that goes into the bundle (the worker's source is among them). Plain
 * JavaScript on purpose: `formwork start` runs it before each start (`--if-stale`), and it must
 * answer "fresh" in milliseconds.
 *
 *   node runtime/app/scripts/build.mjs             build now
 *   node runtime/app/scripts/build.mjs --if-stale  build only when the stamp does not match the
 *                                                  sources (root `prepare`, `formwork start`)
 *   node runtime/app/scripts/build.mjs --check     exit 1 (and say why) when stale; never build
 *
 * Exit codes: 0 fresh or built, 1 stale (--check) or the build failed. Two processes starting at
 * once do not build twice: the second waits for the first's lock and then finds the stamp fresh.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const runtimeDir = path.dirname(appDir);
const repoDir = path.dirname(runtimeDir);
export const outDir = path.join(runtimeDir, 'dist', 'app');
export const stampFile = path.join(runtimeDir, 'dist', 'app-build.json');
const lockFile = path.join(runtimeDir, 'dist', 'app-build.lock');
/** Where a build is written before it replaces outDir, and where the replaced one goes. */
const nextDir = path.join(runtimeDir, 'dist', 'app.next');
const oldDir = path.join(runtimeDir, 'dist', 'app.old');

/** Folders whose files go into the bundle (tests and generated output excluded). */
const SOURCE_DIRS = [
  appDir,
  path.join(runtimeDir, 'renderer'),
  path.join(repoDir, 'definitions', 'src'),
];
/** Single files that change what is bundled. */
const SOURCE_FILES = [
  path.join(runtimeDir, 'package.json'),
  path.join(repoDir, 'definitions', 'package.json'),
  path.join(repoDir, 'package-lock.json'),
];
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

/** sha256 over the path and content of every source file, in a stable order. */
export function sourceHash() {
  const files = [
    ...SOURCE_DIRS.flatMap(listFiles),
    ...SOURCE_FILES.filter((f) => fs.existsSync(f)),
  ];
  files.sort();
  const hash = crypto.createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(repoDir, file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Why the built app does not match the sources, or undefined when it does. */
export function staleness(hash = sourceHash()) {
  if (!fs.existsSync(path.join(outDir, 'index.html'))) return 'runtime/dist/app is missing';
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return 'runtime/dist/app-build.json is missing';
  }
  if (stamp.sourceHash !== hash) return 'the sources changed since it was built';
  return undefined;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Takes the build lock (a file made with O_EXCL); a lock older than 10 minutes is stale. */
async function withLock(action) {
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

/** The service worker's source (runtime/app/serviceWorker/), compiled into the build's `sw.js`. */
const SERVICE_WORKER_SOURCE = path.join(appDir, 'serviceWorker', 'sw.ts');
export const SERVICE_WORKER_FILE = 'sw.js';

/**
 * What the service worker precaches: every file the build emitted (index.html, hashed scripts,
 * stylesheets, fonts, lazy chunks), relative to the app's URL; never dot-files (the Vite
 * manifest in `.vite/`) nor the worker itself.
 */
export function precacheList(dir) {
  const files = [];
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile() && rel !== SERVICE_WORKER_FILE) files.push(rel);
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
async function writeServiceWorker(dir) {
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
    entryPoints: [SERVICE_WORKER_SOURCE],
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
      js: `// Formwork app service worker, build ${buildId}: compiled by runtime/app/scripts/build.mjs from runtime/app/serviceWorker/ (edit there).`,
    },
  });
  fs.writeFileSync(path.join(dir, SERVICE_WORKER_FILE), result.outputFiles[0].text);
}

async function build(hash) {
  let vite;
  try {
    vite = await import('vite');
  } catch {
    throw new Error(
      'Vite is not installed, so the app cannot be built: run `npm install` (with the dev dependencies) in the repository',
    );
  }
  const started = Date.now();
  // A build that fails halfway must not leave a stamp that calls the half-written output fresh.
  fs.rmSync(stampFile, { force: true });
  // Built beside the served folder and swapped in whole: an engine serving /app/ meanwhile never
  // finds the folder empty or half-written.
  fs.rmSync(nextDir, { recursive: true, force: true });
  await vite.build({
    configFile: path.join(appDir, 'vite.config.ts'),
    logLevel: process.env.APP_BUILD_LOG ?? 'warn',
    build: { outDir: nextDir, emptyOutDir: true },
  });
  await writeServiceWorker(nextDir);
  fs.rmSync(oldDir, { recursive: true, force: true });
  if (fs.existsSync(outDir)) fs.renameSync(outDir, oldDir);
  fs.renameSync(nextDir, outDir);
  fs.rmSync(oldDir, { recursive: true, force: true });
  fs.writeFileSync(
    stampFile,
    `${JSON.stringify({ sourceHash: hash, builtAt: new Date().toISOString() }, null, 2)}\n`,
  );
  process.stderr.write(
    `Formwork app built into runtime/dist/app in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

async function main(argv) {
  const mode = argv.includes('--check')
    ? 'check'
    : argv.includes('--if-stale')
      ? 'if-stale'
      : 'build';
  if (mode === 'check') {
    const why = staleness();
    if (why) process.stderr.write(`The app needs building: ${why}\n`);
    return why ? 1 : 0;
  }
  return withLock(async () => {
    const hash = sourceHash();
    const why = staleness(hash);
    if (mode === 'if-stale' && !why) return 0;
    if (why) process.stderr.write(`Building the Formwork app (${why})…\n`);
    await build(hash);
    return 0;
  });
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`Building the Formwork app failed: ${err?.message ?? err}\n`);
      process.exitCode = 1;
    },
  );
}
