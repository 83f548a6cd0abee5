import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LINEAR_REGEXP_MODULE,
  standaloneValidatorSource,
  StandaloneValidatorError,
} from '@formwork/definitions';
import { build, transform } from 'esbuild';
import type { ReleasedForm } from './ReleaseCatalog.js';

/** An ES module the browser imports: its code and the hash of that code (its cache key). */
export interface ValidatorModule {
  code: string;
  hash: string;
}

export interface FormValidatorModule extends ValidatorModule {
  /** schemaFingerprint of the compiled form's schema (the module exports it too). */
  fingerprint: string;
}

/** Where the runtime module is served; a form module imports it relative to its own URL. */
export const VALIDATOR_RUNTIME_PATH = '/api/form-validator-runtime.js';

/**
 * The modules standalone code may require, served once as the shared runtime: Ajv's runtime
 * helpers, the formats and linearRegExp (re2js). Ajv's `re2` (the native package) and its JTD
 * helpers are never required by a form's validator.
 */
const RUNTIME_MODULES = [
  'ajv/dist/runtime/equal',
  'ajv/dist/runtime/ucs2length',
  'ajv/dist/runtime/uri',
  'ajv/dist/runtime/validation_error',
  'ajv-formats/dist/formats',
] as const;

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 20);

/** The definitions package's folder (its dependencies resolve from there) and linearRegExp. */
function definitionsFiles() {
  const index = fileURLToPath(import.meta.resolve('@formwork/definitions'));
  return {
    packageDir: path.resolve(path.dirname(index), '..'),
    linearRegExp: path.join(path.dirname(index), 'validation', 'linearRegExp.ts'),
  };
}

/**
 * Each form version's validator as a static ES module for browsers whose Content-Security-Policy
 * forbids `new Function` (ARCHITECTURE decision 7): Ajv's standalone code of the very schema the
 * catalog compiled for the release (standaloneValidatorSource), minified by esbuild, importing one
 * shared runtime (re2js, the formats and Ajv's helpers, bundled by esbuild once per process). Both
 * are content-hashed, so they are served as immutable. Generated on first request, once per
 * release, form and process (a release never changes), and kept.
 */
export class StandaloneValidators {
  #runtime: Promise<ValidatorModule> | undefined;
  readonly #forms = new Map<string, Promise<FormValidatorModule>>();
  readonly #previews = new Map<string, FormValidatorModule>();

  constructor(
    private readonly maxForms = 500,
    private readonly maxPreviews = 50,
  ) {}

  /** The shared runtime: `export const modules`, by the specifier standalone code requires. */
  runtime(): Promise<ValidatorModule> {
    this.#runtime ??= this.#buildRuntime().catch((error: unknown) => {
      this.#runtime = undefined;
      throw error;
    });
    return this.#runtime;
  }

  /**
   * The module of a released form: `validate`, `default` and `fingerprint`. It imports the
   * runtime at its hashed URL, relative to its own URL under `/api/forms/:key/versions/:version/`.
   */
  forForm(form: ReleasedForm): Promise<FormValidatorModule> {
    const key = `${form.release.id}/${form.definition.key}`;
    let module = this.#forms.get(key);
    if (!module) {
      module = this.#buildForm(form);
      module.catch(() => this.#forms.delete(key));
      this.#forms.set(key, module);
      if (this.#forms.size > this.maxForms) {
        this.#forms.delete(this.#forms.keys().next().value as string);
      }
    }
    return module;
  }

  async #buildRuntime(): Promise<ValidatorModule> {
    const files = definitionsFiles();
    const entries = [
      `${JSON.stringify(LINEAR_REGEXP_MODULE)}: { linearRegExp }`,
      ...RUNTIME_MODULES.map((m) => `${JSON.stringify(m)}: require(${JSON.stringify(m)})`),
    ];
    const result = await build({
      stdin: {
        contents: `import { linearRegExp } from ${JSON.stringify(files.linearRegExp)};\nexport const modules = Object.freeze({\n${entries.join(',\n')}\n});\n`,
        resolveDir: files.packageDir,
        sourcefile: 'form-validator-runtime.js',
        loader: 'js',
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    return { code, hash: sha(code) };
  }

  #buildForm(form: ReleasedForm): Promise<FormValidatorModule> {
    // From /api/forms/:key/versions/:version/validator.js, four levels up is /api/.
    return this.#buildModule(form.compiled.schema, form.definition.key, '../../../..');
  }

  /**
   * The module of a form compiled for the designer's preview (not released: the designer's
   * unsaved document), kept by its hash; the last `maxPreviews` are kept. Served from
   * `/api/form-previews/:hash/validator.js`, two levels below /api/.
   */
  async forPreview(
    schema: Readonly<Record<string, unknown>>,
    key: string,
  ): Promise<FormValidatorModule> {
    const module = await this.#buildModule(schema, key, '../..');
    this.#previews.delete(module.hash);
    this.#previews.set(module.hash, module);
    if (this.#previews.size > this.maxPreviews) {
      this.#previews.delete(this.#previews.keys().next().value as string);
    }
    return module;
  }

  /** A preview module made by forPreview, while kept. */
  preview(hash: string): FormValidatorModule | undefined {
    return this.#previews.get(hash);
  }

  async #buildModule(
    schema: Readonly<Record<string, unknown>>,
    key: string,
    toApi: string,
  ): Promise<FormValidatorModule> {
    const runtime = await this.runtime();
    const source = standaloneValidatorSource(schema);
    const known = new Set<string>([LINEAR_REGEXP_MODULE, ...RUNTIME_MODULES]);
    const unknown = source.requires.filter((r) => !known.has(r));
    if (unknown.length) {
      throw new StandaloneValidatorError(
        `the validator of ${key} requires ${unknown.join(', ')}, which the runtime does not provide`,
      );
    }
    const runtimeUrl = `${toApi}${VALIDATOR_RUNTIME_PATH.slice('/api'.length)}?hash=${runtime.hash}`;
    const linked =
      `import { modules as __formworkRuntime } from ${JSON.stringify(runtimeUrl)};\n` +
      source.code.replace(/\brequire\(("[^"]+")\)/g, '__formworkRuntime[$1]');
    const { code } = await transform(linked, {
      format: 'esm',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
    });
    return { code, hash: sha(code), fingerprint: source.fingerprint };
  }
}
