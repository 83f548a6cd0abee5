import type { LocalizedMessage } from '../validation/formErrors.js';

/** A problem with a form definition itself (found when compiling it). */
export interface DefinitionProblem {
  /** JSON pointer into the definition, e.g. /schema/properties/sbp/x-visible */
  path: string;
  code: string;
  message: LocalizedMessage;
}

export class FormDefinitionError extends Error {
  override name = 'FormDefinitionError';
  constructor(
    readonly formKey: string,
    readonly problems: DefinitionProblem[],
  ) {
    super(
      `表单定义无效 / Form definition ${formKey} is invalid: ` +
        problems.map((p) => `${p.path || '/'}: ${p.message.en}`).join('; '),
    );
  }
}
