import type { RJSFSchema } from '@rjsf/utils';

/** A code table of at most this many options is drawn as radio buttons; longer ones as a select. */
export const RADIO_LIMIT = 5;

type Schema = RJSFSchema & Record<string, unknown>;

/** The options a schema offers (`oneOf` of consts as the compiler renders code tables, or `enum`). */
export function optionCount(schema: Schema): number {
  if (Array.isArray(schema.oneOf)) return schema.oneOf.length;
  if (Array.isArray(schema.enum)) return schema.enum.length;
  return 0;
}

export function isMultiSelect(schema: Schema): boolean {
  const items = schema.items as Schema | undefined;
  return (
    schema.type === 'array' &&
    typeof items === 'object' &&
    items !== null &&
    optionCount(items) > 0 &&
    schema.uniqueItems === true
  );
}

/** A field drawn as a group of controls (radio buttons, checkboxes): labelled as a group. */
export function isGroup(schema: Schema): boolean {
  if (isMultiSelect(schema)) return true;
  const n = optionCount(schema);
  return n > 0 && n <= RADIO_LIMIT && !schema['x-calculated'];
}

/** An object or an array of objects: drawn as a group of fields, not as one control. */
export function isContainer(schema: Schema): boolean {
  if (schema.type === 'object') return true;
  return schema.type === 'array' && !isMultiSelect(schema);
}

export const unitOf = (schema: Schema) =>
  typeof schema['x-unit'] === 'string' ? (schema['x-unit'] as string) : undefined;

export const isCalculated = (schema: Schema) => 'x-calculated' in schema;

/** A blood-pressure reading the devices plugin names (`x-device`): paired on one line. */
export const bpReading = (schema: Schema | undefined) => {
  const device = schema?.['x-device'] as { kind?: string; reading?: string } | undefined;
  return device?.kind === 'blood-pressure' &&
    (device.reading === 'systolic' || device.reading === 'diastolic')
    ? device.reading
    : undefined;
};
