/**
 * Reads a spec version of the seed from disk (seed/<spec>/<version>/): JSON files by folder and
 * BPMN workflows. The seed itself is data; this is how tests and the engine load it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
  BaseSpec,
  CodeTable,
  FormDefinition,
  Overlay,
  ParameterSet,
  Trigger,
} from '@formwork/definitions';

export const SEED_ROOT = path.dirname(new URL(import.meta.url).pathname).replace(/\/lib$/, '');

export function specDir(spec: string, version: string): string {
  return path.join(SEED_ROOT, spec, version);
}

/** Every *.json file of a folder of the spec version, parsed, keyed by file name without .json. */
export function readJsonFolder<T>(spec: string, version: string, folder: string): Map<string, T> {
  const dir = path.join(specDir(spec, version), folder);
  const result = new Map<string, T>();
  if (!fs.existsSync(dir)) return result;
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.json')) continue;
    result.set(file.slice(0, -5), JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as T);
  }
  return result;
}

export function readCodeTables(spec: string, version: string): Record<string, CodeTable> {
  return Object.fromEntries(
    [...readJsonFolder<CodeTable>(spec, version, 'code-tables').values()].map((t) => [t.id, t]),
  );
}

export function readForms(spec: string, version: string): Map<string, FormDefinition> {
  return readJsonFolder<FormDefinition>(spec, version, 'forms');
}

/** BPMN files of the spec version, keyed by file name without .bpmn. */
export function readWorkflows(spec: string, version: string): Map<string, string> {
  const dir = path.join(specDir(spec, version), 'workflows');
  const result = new Map<string, string>();
  if (!fs.existsSync(dir)) return result;
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith('.bpmn'))
      result.set(file.slice(0, -5), fs.readFileSync(path.join(dir, file), 'utf8'));
  }
  return result;
}

/** The triggers of the spec version by id (seed/<spec>/<version>/triggers/*.json). */
export function readTriggers(spec: string, version: string): Record<string, Trigger> {
  return Object.fromEntries(
    [...readJsonFolder<Trigger>(spec, version, 'triggers').values()].map((t) => [t.id, t]),
  );
}

/**
 * A spec version as an overlay sees it: forms by key, code tables by id, parameters, workflows,
 * and the triggers when the version has a `triggers/` folder (3.0.0 has none).
 */
export function readBaseSpec(spec: string, version: string): BaseSpec {
  const triggers = fs.existsSync(path.join(specDir(spec, version), 'triggers'))
    ? { triggers: readTriggers(spec, version) }
    : {};
  return {
    spec,
    version,
    forms: Object.fromEntries(readForms(spec, version)),
    codeTables: readCodeTables(spec, version),
    parameters: JSON.parse(
      fs.readFileSync(path.join(specDir(spec, version), 'parameters.json'), 'utf8'),
    ) as ParameterSet,
    workflows: Object.fromEntries(readWorkflows(spec, version)),
    ...triggers,
  };
}

const OVERLAYS_DIR = path.join(SEED_ROOT, 'overlays');
const OVERLAY_FILE = /^(\d+\.\d+\.\d+)\.json$/;

/** A provincial overlay of the seed: seed/overlays/<key>/<version>.json. */
export function readOverlay(key: string, version: string): Overlay {
  const file = path.join(OVERLAYS_DIR, key, `${version}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Overlay;
}

/** Every overlay version of the seed, by key then version (numeric order). */
export function listOverlays(): { key: string; version: string }[] {
  return fs
    .readdirSync(OVERLAYS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((key) =>
      fs
        .readdirSync(path.join(OVERLAYS_DIR, key))
        .flatMap((file) => OVERLAY_FILE.exec(file)?.slice(1, 2) ?? [])
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
        .map((version) => ({ key, version })),
    );
}
