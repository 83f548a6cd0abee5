import type { Ajv2020 } from '../validation/createAjv.js';
import { createAjv } from '../validation/createAjv.js';
import type { CompiledForm } from './CompiledForm.js';
import { compileForm, type CompileFormOptions } from './compileForm.js';
import { fingerprint } from './fingerprint.js';

export interface CompilerStats {
  hits: number;
  misses: number;
  size: number;
}

/**
 * Compiles each form version once and keeps it (compiling costs milliseconds, validating
 * microseconds). The cache key is key@version plus a fingerprint of the definition, so an edited
 * draft is compiled afresh while a published version is compiled once per process.
 */
export class FormCompiler {
  readonly #ajv: Ajv2020;
  readonly #cache = new Map<string, CompiledForm>();
  readonly #stats = { hits: 0, misses: 0 };

  constructor(
    private readonly options: CompileFormOptions = {},
    private readonly maxEntries = 500,
  ) {
    this.#ajv = createAjv();
  }

  compile(definition: { key: string; version: string }): CompiledForm {
    const cacheKey = `${definition.key}@${definition.version}#${fingerprint(JSON.stringify(definition))}`;
    const cached = this.#cache.get(cacheKey);
    if (cached) {
      this.#stats.hits++;
      // Refresh its place: the map's order is least recently used first.
      this.#cache.delete(cacheKey);
      this.#cache.set(cacheKey, cached);
      return cached;
    }
    this.#stats.misses++;
    const compiled = compileForm(this.#ajv, definition, this.options);
    this.#cache.set(cacheKey, compiled);
    if (this.#cache.size > this.maxEntries) {
      const oldest = this.#cache.keys().next().value as string;
      this.#cache.delete(oldest);
    }
    return compiled;
  }

  get stats(): CompilerStats {
    return { ...this.#stats, size: this.#cache.size };
  }
}
