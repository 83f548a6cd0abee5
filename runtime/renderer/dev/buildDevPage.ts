/**
 * Builds the dev page with Vite into .tmp/renderer-dev/<hash of its sources>, once: test files
 * that run at the same time share the build (each builds into its own folder and renames it).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rendererDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = path.resolve(rendererDir, '..', '..');
const SKIP = /(^|\/)(node_modules|dist)(\/|$)|\.test\.ts$/;

function sourcesHash(): string {
  const hash = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (SKIP.test(file)) continue;
      if (entry.isDirectory()) walk(file);
      else hash.update(file).update(fs.readFileSync(file));
    }
  };
  walk(rendererDir);
  walk(path.join(repoDir, 'definitions', 'src'));
  return hash.digest('hex').slice(0, 16);
}

export async function buildDevPage(): Promise<string> {
  const out = path.join(repoDir, '.tmp', 'renderer-dev', sourcesHash());
  if (fs.existsSync(path.join(out, 'index.html'))) return out;
  const staging = `${out}.${process.pid}.${Date.now()}`;
  const { build } = await import('vite');
  // React's production build and JSX, also when a test builds the page (vitest sets
  // NODE_ENV=test, and Vite and its React plugin read it when they resolve the config).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(rendererDir, 'dev', 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  try {
    fs.renameSync(staging, out);
  } catch {
    // Another test built it first.
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return out;
}
