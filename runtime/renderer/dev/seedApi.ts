/**
 * The forms API for the renderer's dev page and tests without an engine: the national 3.0.1 seed
 * forms and the generated 200-field form, answered as `GET /api/forms/:key` answers them, with
 * each form's standalone validator bundled by esbuild (the engine does the same with a shared
 * runtime: engine/src/specs/StandaloneValidators.ts). Node only; dev and tests only.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FormCompiler,
  LINEAR_REGEXP_MODULE,
  standaloneValidatorSource,
  type CodeTable,
  type FormDefinition,
  type Trigger,
} from '@formwork/definitions';
import { readCodeTables, readForms, readTriggers } from '@formwork/seed/lib/readSpec';
import { build } from 'esbuild';
import { pinyin } from 'pinyin-pro';
import { generatedCodeTables, generatedForm } from './generatedForm.js';

export const SEED_RELEASE = 'seed:national-phs@3.0.1';

interface Entry {
  definition: FormDefinition;
  codeTables: Record<string, CodeTable>;
  triggers: Trigger[];
}

function entries(): Map<string, Entry> {
  const tables = readCodeTables('national-phs', '3.0.1');
  const triggers = Object.values(readTriggers('national-phs', '3.0.1'));
  const out = new Map<string, Entry>();
  for (const [key, definition] of readForms('national-phs', '3.0.1')) {
    out.set(key, {
      definition,
      codeTables: tables,
      triggers: triggers.filter((t) => t.form === key),
    });
  }
  out.set(generatedForm.key, {
    definition: generatedForm,
    codeTables: generatedCodeTables,
    triggers: [],
  });
  return out;
}

function tablesNamed(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) tablesNamed(item, found);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'x-code-table' && typeof value === 'string') found.add(value);
      else tablesNamed(value, found);
    }
  }
  return found;
}

const definitionsIndex = fileURLToPath(import.meta.resolve('@formwork/definitions'));

async function bundle(code: string): Promise<string> {
  const result = await build({
    stdin: {
      contents: code,
      resolveDir: path.resolve(path.dirname(definitionsIndex), '..'),
      sourcefile: 'validator.js',
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'formwork-linear-regexp',
        setup(b) {
          b.onResolve({ filter: new RegExp(`^${LINEAR_REGEXP_MODULE}$`) }, () => ({
            path: path.join(path.dirname(definitionsIndex), 'validation', 'linearRegExp.ts'),
          }));
        },
      },
    ],
  });
  return result.outputFiles[0]!.text;
}

export interface SeedApi {
  keys(): string[];
  /** The JSON of `GET /api/forms/:key`, or undefined. */
  form(key: string): Promise<unknown>;
  /** The validator module of a form, or undefined. */
  validator(key: string): Promise<string | undefined>;
}

export function seedApi(): SeedApi {
  const forms = entries();
  const modules = new Map<string, Promise<{ code: string; fingerprint: string }>>();
  const compilers = new Map<Record<string, CodeTable>, FormCompiler>();
  const moduleOf = (key: string) => {
    let module = modules.get(key);
    if (!module) {
      const entry = forms.get(key)!;
      let compiler = compilers.get(entry.codeTables);
      if (!compiler)
        compilers.set(
          entry.codeTables,
          (compiler = new FormCompiler({ codeTables: entry.codeTables })),
        );
      const source = standaloneValidatorSource(compiler.compile(entry.definition).schema);
      module = bundle(source.code).then((code) => ({ code, fingerprint: source.fingerprint }));
      modules.set(key, module);
    }
    return module;
  };
  return {
    keys: () => [...forms.keys()],
    async form(key) {
      const entry = forms.get(key);
      if (!entry) return undefined;
      const used = tablesNamed(entry.definition.schema);
      const codeTables = Object.fromEntries(
        Object.entries(entry.codeTables).filter(([id]) => used.has(id)),
      );
      const pinyinInitials = Object.fromEntries(
        Object.values(codeTables)
          .filter((t) => t.codes.length > 5)
          .map((t) => [
            t.id,
            Object.fromEntries(
              t.codes.map((c) => [
                c.code,
                pinyin(c.label.zh, { pattern: 'first', toneType: 'none', type: 'array' })
                  .join('')
                  .toLowerCase()
                  .replace(/[^a-z0-9]/g, ''),
              ]),
            ),
          ]),
      );
      const { fingerprint } = await moduleOf(key);
      return {
        releaseId: SEED_RELEASE,
        definition: entry.definition,
        codeTables,
        validator: {
          url: `/api/seed-validators/${key}.js?fingerprint=${fingerprint}`,
          fingerprint,
        },
        triggers: entry.triggers.map(({ id, title, condition }) => ({ id, title, condition })),
        pinyinInitials,
      };
    },
    async validator(key) {
      return forms.has(key) ? (await moduleOf(key)).code : undefined;
    },
  };
}
