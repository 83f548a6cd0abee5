import type { RJSFSchema } from '@rjsf/utils';
import { useContext } from 'react';
import { useFormwork, useSessionValue } from '../../FormworkContext.js';
import { unitOf } from '../fieldKind.js';
import { FieldPathContext, InPairContext } from '../templates/FieldTemplate.js';

type Schema = RJSFSchema & Record<string, unknown>;
type Option = { const?: unknown; title?: string };

/** The label of a coded value, from the options the compiler rendered. */
export function labelOf(schema: Schema, value: unknown): string {
  const options = (schema.oneOf ?? []) as Option[];
  const found = options.find((o) => o.const === value);
  return found?.title ?? String(value);
}

/**
 * A value shown as text: a stored record read only, or a calculated field (then announced as
 * it changes). Coded values by their labels, lists joined, units after numbers. The value is the
 * session's (calculated values as `process` computes them: rjsf's own copy of the data is not
 * given them while the user types), rjsf's where the field's path is not known.
 */
export function ReadOnlyValue({
  id,
  value,
  schema,
  live,
}: {
  id: string;
  value: unknown;
  schema: Schema;
  live?: boolean;
}) {
  const { messages } = useFormwork();
  const path = useContext(FieldPathContext);
  const inPair = useContext(InPairContext);
  const fromSession = useSessionValue(path);
  if (path) value = fromSession;
  let text: string;
  const empty =
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && !value.length);
  if (empty) text = '—';
  else if (typeof value === 'boolean') text = value ? messages.yes : messages.no;
  else if (Array.isArray(value)) {
    const items = (schema.items ?? {}) as Schema;
    text = value.map((v) => labelOf(items, v)).join('、');
  } else if (Array.isArray(schema.oneOf)) text = labelOf(schema, value);
  // In the blood-pressure pair the unit follows the pair (150 / 96 mmHg), not each value.
  else text = `${String(value)}${unitOf(schema) && !inPair ? ` ${unitOf(schema)}` : ''}`;
  return (
    <output
      id={id}
      className={`fw-value${live ? ' fw-value--calculated' : ''}${empty ? ' fw-value--empty' : ''}`}
      aria-live={live ? 'polite' : undefined}
      aria-label={empty ? messages.empty : undefined}
    >
      {text}
    </output>
  );
}
