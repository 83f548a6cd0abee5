import { ruleVariables } from '../rules/ruleVariables.js';
import type { Indicator } from '../types/generated.js';
import { indicatorReads } from './indicatorReads.js';
import { isFactIndicator } from './isFactIndicator.js';

/** Whether two pointers name the same field, or one a part of the other ('*' reads everything). */
function overlaps(read: string, path: string): boolean {
  return (
    read === '*' || read === path || read.startsWith(`${path}/`) || path.startsWith(`${read}/`)
  );
}

/** '/latest/sbp' → '/sbp' ('' when there is a single segment). */
function stripFirst(pointer: string): string {
  const at = pointer.indexOf('/', 1);
  return at === -1 ? '' : pointer.slice(at);
}

/**
 * Whether an indicator uses the field at `path` of form `formKey` (what the semantic diff
 * reports as its impact):
 * - a FactIndicator reads it through a fact over the form (indicatorReads: a fact's date, its
 *   `where`, the numerator's `facts.<name>.<field>`, placement or weight), or lists its
 *   data element `dataElement` and has a fact over the form;
 * - a FilterIndicator (3.0.0): a numerator or denominator counting the form whose filter reads
 *   the field directly or through one aggregate prefix (`latest.sbp`; never `parameters.*`),
 *   or that lists its data element.
 */
export function indicatorUsesField(
  indicator: Indicator,
  formKey: string,
  path: string,
  dataElement: unknown,
): boolean {
  const listed =
    typeof dataElement === 'string' && (indicator.dataElements ?? []).includes(dataElement);
  if (isFactIndicator(indicator)) {
    const overForm = Object.values(indicator.facts).some((f) => f?.forms.includes(formKey));
    const reads = indicatorReads(indicator).filter((r) => r.forms.includes(formKey));
    return (overForm && listed) || reads.some((r) => overlaps(r.path, path));
  }
  const counts = [indicator.numerator, indicator.denominator].filter((c) =>
    c.forms?.includes(formKey),
  );
  return (
    (counts.length > 0 && listed) ||
    counts.some((c) =>
      [...ruleVariables(c.filter)].some(
        (v) =>
          overlaps(v, path) ||
          (!v.startsWith('/parameters/') && stripFirst(v) !== '' && overlaps(stripFirst(v), path)),
      ),
    )
  );
}
