import type { ValidateFunction } from 'ajv';
import { metaSchemas } from '../metaschemas/index.js';
import { createAjv } from '../validation/createAjv.js';
import { toFormErrors, type FormError } from '../validation/formErrors.js';

let validators: { v2: ValidateFunction; v1: ValidateFunction } | undefined;

/**
 * The schedule meta-schema's errors for the model the value declares: `"model": 2` against
 * model 2 only, anything else against the first model. validateMetadata('schedule', …) checks
 * the same `oneOf`, but its errors mix both models' complaints.
 */
export function validateScheduleModel(value: unknown): FormError[] {
  if (!validators) {
    const ajv = createAjv();
    ajv.addSchema(metaSchemas.schedule);
    const at = (name: string) => ajv.getSchema(`${metaSchemas.schedule.$id}#/$defs/${name}`)!;
    validators = { v2: at('ScheduleV2'), v1: at('ScheduleV1') };
  }
  const isV2 =
    typeof value === 'object' && value !== null && (value as { model?: unknown }).model === 2;
  const validate = isV2 ? validators.v2 : validators.v1;
  return validate(value) ? [] : toFormErrors(validate.errors ?? []);
}
