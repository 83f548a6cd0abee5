import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compileForm, compilePrecompiledForm } from '../forms/compileForm.js';
import { FormDefinitionError } from '../forms/FormDefinitionError.js';
import { failClosedCases, failClosedForm } from '../forms/fixtures/failClosedForm.js';
import {
  sampleCases,
  sampleCodeTables,
  sampleForm,
  sampleToday,
} from '../forms/fixtures/sampleForm.js';
import type { FormDefinition } from '../types/generated.js';
import { createAjv } from './createAjv.js';
import { linearRegExp } from './linearRegExp.js';
import {
  LINEAR_REGEXP_MODULE,
  standaloneValidatorSource,
  type StandaloneValidatorSource,
} from './standaloneValidator.js';

const requireHere = createRequire(import.meta.url);
const loaders: Record<string, () => unknown> = { [LINEAR_REGEXP_MODULE]: () => ({ linearRegExp }) };

/**
 * Loads standalone code as a module, its `require`s answered here (the engine bundles them with
 * esbuild instead; see engine/src/specs/StandaloneValidators.ts).
 */
async function load(source: StandaloneValidatorSource) {
  const global = globalThis as Record<string, unknown>;
  global.__standaloneRequire = (specifier: string) =>
    (loaders[specifier] ?? (() => requireHere(specifier)))();
  const code = source.code.replace(/\brequire\(/g, 'globalThis.__standaloneRequire(');
  const module = (await import(
    `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
  )) as { validate: ValidateFunction; fingerprint: string };
  return module;
}

const clock = { today: () => sampleToday };

describe('a form version’s validator as standalone code', () => {
  it('given the sample follow-up, when every shared case is processed with its standalone validator, then verdicts, paths and zh/en messages are the compiled form’s', async () => {
    const compiled = compileForm(createAjv(), sampleForm, { codeTables: sampleCodeTables });
    const source = standaloneValidatorSource(compiled.schema);
    expect(source.requires).toContain(LINEAR_REGEXP_MODULE);
    expect(source.requires).toContain('ajv-formats/dist/formats');
    const precompiled = compilePrecompiledForm(sampleForm, await load(source), {
      codeTables: sampleCodeTables,
    });
    for (const { name, data } of sampleCases) {
      expect(precompiled.process(data, clock), name).toEqual(compiled.process(data, clock));
    }
    expect(sampleCases.map((c) => precompiled.process(c.data, clock).valid)).toEqual(
      sampleCases.map((c) => c.valid),
    );
  });

  it('given rules that cannot be evaluated and data the validator throws on, then the standalone validator fails the same records the same way', async () => {
    const compiled = compileForm(createAjv(), failClosedForm);
    const precompiled = compilePrecompiledForm(
      failClosedForm,
      await load(standaloneValidatorSource(compiled.schema)),
    );
    for (const { name, data } of failClosedCases) {
      expect(precompiled.process(data, clock), name).toEqual(compiled.process(data, clock));
    }
  });

  it('given a validator generated from another version of the form, when it is used, then the form is refused as a mismatch rather than validated by the wrong schema', async () => {
    const compiled = compileForm(createAjv(), sampleForm, { codeTables: sampleCodeTables });
    const validator = await load(standaloneValidatorSource(compiled.schema));
    const tightened = structuredClone(sampleForm) as FormDefinition & {
      schema: { properties: { sbp: { maximum: number } } };
    };
    tightened.schema.properties.sbp.maximum = 250;
    let thrown: unknown;
    try {
      compilePrecompiledForm(tightened, validator, { codeTables: sampleCodeTables });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FormDefinitionError);
    expect((thrown as FormDefinitionError).problems.map((p) => p.code)).toEqual([
      'validator-mismatch',
    ]);
  });
});
