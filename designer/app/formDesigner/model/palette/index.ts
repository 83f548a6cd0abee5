import type { JsonObject } from '../immutable.js';
import { attachment } from './attachment.js';
import { bloodPressure } from './bloodPressure.js';
import { calculated } from './calculated.js';
import { date } from './date.js';
import { deviceReading } from './deviceReading.js';
import { multipleChoice } from './multipleChoice.js';
import { number } from './number.js';
import type { FieldPaletteItem, PaletteItem, PaletteKind } from './PaletteItem.js';
import { repeatingGroup } from './repeatingGroup.js';
import { section } from './section.js';
import { signature } from './signature.js';
import { singleChoice } from './singleChoice.js';
import { text } from './text.js';
import { yesNo } from './yesNo.js';

export * from './PaletteItem.js';
export { DEVICE_READINGS } from './deviceReading.js';

/** The palette, in menu order: the only kinds a form can be built from (an allow-list). */
export const PALETTE: readonly PaletteItem[] = [
  text,
  number,
  date,
  singleChoice,
  multipleChoice,
  yesNo,
  bloodPressure,
  repeatingGroup,
  section,
  calculated,
  signature,
  deviceReading,
  attachment,
];

/** The palette entry of a kind. */
export const paletteItem = (kind: PaletteKind): PaletteItem | undefined =>
  PALETTE.find((item) => item.kind === kind);

/** Which kinds are recognised in existing fields, most specific first. */
const RECOGNISED: readonly FieldPaletteItem[] = [
  calculated,
  deviceReading,
  attachment,
  repeatingGroup,
  multipleChoice,
  singleChoice,
  date,
  signature,
  text,
  number,
  yesNo,
];

/**
 * The kind an existing field looks like (its icon and property panel), or 'group' for an object
 * of fields (转诊) and 'other' for a schema no palette item makes.
 */
export function kindOf(schema: JsonObject, name: string): PaletteKind | 'group' | 'other' {
  const item = RECOGNISED.find((i) => i.matches(schema, name));
  if (item) return item.kind;
  if (schema.type === 'object') return 'group';
  return 'other';
}
