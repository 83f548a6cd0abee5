import type { ValidateFunction } from 'ajv';
import { createAjv } from '../validation/createAjv.js';
import { toFormErrors, type FormError } from '../validation/formErrors.js';
import { metaSchemas, type MetadataKind } from './index.js';

let validators: Map<MetadataKind, ValidateFunction> | undefined;

function validatorFor(kind: MetadataKind): ValidateFunction {
  if (!validators) {
    const ajv = createAjv();
    validators = new Map(
      (Object.keys(metaSchemas) as MetadataKind[]).map((k) => [k, ajv.compile(metaSchemas[k])]),
    );
  }
  const validate = validators.get(kind);
  if (!validate) throw new Error(`unknown metadata kind "${kind}"`);
  return validate;
}

/** Checks a piece of metadata against its meta-schema; [] when it conforms. */
export function validateMetadata(kind: MetadataKind, value: unknown): FormError[] {
  const validate = validatorFor(kind);
  return validate(value) ? [] : toFormErrors(validate.errors ?? []);
}
