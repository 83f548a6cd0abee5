/**
 * Reads a spec version of the seed from disk (seed/<spec>/<version>/): JSON files by folder and
 * BPMN workflows. The seed itself is data; this is how tests and the engine load it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CodeTable, FormDefinition } from '@formwork/definitions';

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
