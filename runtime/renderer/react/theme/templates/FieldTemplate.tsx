import type { FieldTemplateProps, RJSFSchema } from '@rjsf/utils';
import { createContext, useContext, type ReactNode } from 'react';
import { toPointer } from '../../../model/pointer.js';
import { useFieldState, useFormwork } from '../../FormworkContext.js';
import { isCalculated, isContainer, isGroup } from '../fieldKind.js';
import { LockIcon } from '../icons.js';

type Schema = RJSFSchema & Record<string, unknown>;

/** Set by the pair of blood-pressure fields: each draws its input only, on the pair's line. */
export const InPairContext = createContext(false);

/** The JSON pointer of the field a widget draws (rjsf gives widgets its id only). */
export const FieldPathContext = createContext('');

/** The label's tags: required, calculated, national (locked). */
function Tags({ schema, required }: { schema: Schema; required?: boolean }) {
  const { messages } = useFormwork();
  const tags: ReactNode[] = [];
  if (isCalculated(schema)) {
    tags.push(
      <span key="calc" className="el-tag el-tag--success el-tag--small el-tag--light fw-tag">
        <span className="el-tag__content">{messages.calculated}</span>
      </span>,
    );
  }
  if (schema['x-locked'] === true) {
    tags.push(
      <span
        key="locked"
        className="el-tag el-tag--info el-tag--small el-tag--light fw-tag fw-tag--locked"
        title={messages.lockedHint}
      >
        <span className="el-tag__content">
          <LockIcon /> {messages.locked}
        </span>
      </span>,
    );
  }
  return (
    <>
      {required && !isCalculated(schema) ? (
        <span className="fw-sr-only">（{messages.required}）</span>
      ) : null}
      {tags}
    </>
  );
}

/**
 * One field: an Element Plus form item (label, control, description, the field's errors in the
 * chosen language right under it), or nothing while its visibility rule hides it. The field's
 * state comes from the session (useFieldState), so typing in one field redraws only the fields
 * whose state changed. Leaving a field shows its errors from then on.
 */
export function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, required, displayLabel, fieldPathId, hidden, rawDescription } =
    props;
  const schema = props.schema as Schema;
  const path = toPointer(fieldPathId.path);
  const state = useFieldState(path);
  const { session, locale } = useFormwork();
  const inPair = useContext(InPairContext);
  if (hidden) return <div hidden>{children}</div>;
  if (state.hidden) return null;
  const errorText = state.errors.map((e) => e.message[locale]).join('；');
  const errors = state.errors.length ? (
    <div className="el-form-item__error fw-error" id={`${id}__error`}>
      {errorText}
    </div>
  ) : null;
  const description =
    rawDescription && !isContainer(schema) ? (
      <div className="fw-description" id={`${id}__description`}>
        {rawDescription}
      </div>
    ) : null;

  if (isContainer(schema)) {
    return (
      <div className="fw-container" data-fw-path={path}>
        {children}
        {errors}
      </div>
    );
  }
  const className = [
    'el-form-item',
    'fw-field',
    required ? 'is-required' : '',
    state.errors.length ? 'is-error' : '',
    inPair ? 'fw-field--paired' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const group = isGroup(schema);
  const labelContent = (
    <>
      {label}
      <Tags schema={schema} required={required} />
    </>
  );
  // rjsf leaves a yes/no field unlabelled (its checkbox would carry the label): ours label it here.
  const labelled = displayLabel || schema.type === 'boolean';
  const labelElement = !labelled ? null : group ? (
    <span className="el-form-item__label fw-label" id={`${id}__label`}>
      {labelContent}
    </span>
  ) : (
    <label
      className={`el-form-item__label fw-label${inPair ? ' fw-sr-only' : ''}`}
      htmlFor={id}
      id={`${id}__label`}
    >
      {labelContent}
    </label>
  );
  return (
    <div className={className} data-fw-path={path} onBlur={() => session.touch(path)}>
      {labelElement}
      <div className="el-form-item__content">
        <FieldPathContext.Provider value={path}>{children}</FieldPathContext.Provider>
        {description}
        {errors}
      </div>
    </div>
  );
}
