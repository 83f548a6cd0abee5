import {
  compilePrecompiledForm,
  type CodeTable,
  type CompiledForm,
  type FormDefinition,
} from '@formwork/definitions';
import type { ValidateFunction } from 'ajv';
import type { FormTrigger } from './model/FormSession.js';

/** What `GET /api/forms/:key` answers (the parts the renderer reads). */
export interface ServedForm {
  releaseId: string;
  definition: FormDefinition;
  codeTables: Record<string, CodeTable>;
  /**
   * Where the form version's standalone validator module is (import it, then compile), and the
   * shared module it imports (the engine's; absent where the validator is one bundle): import both
   * at once, so that they load side by side rather than one after the other.
   */
  validator: { url: string; fingerprint: string; runtimeUrl?: string };
  pinyinInitials?: Record<string, Record<string, string>>;
  triggers?: FormTrigger[];
}

/** What the validator module at `ServedForm.validator.url` exports. */
export interface ValidatorModule {
  validate: ValidateFunction;
  fingerprint: string;
}

/**
 * The compiled form of a served form around its imported standalone validator: no Ajv, no
 * `new Function` (the page may forbid `unsafe-eval`), and the same `process` the server runs.
 * Throws FormDefinitionError `validator-mismatch` when the module is not this form version's.
 * The host imports the module (`await import(served.validator.url)`): the renderer does no I/O.
 */
export function compileServedForm(served: ServedForm, module: ValidatorModule): CompiledForm {
  return compilePrecompiledForm(served.definition, module, { codeTables: served.codeTables });
}
