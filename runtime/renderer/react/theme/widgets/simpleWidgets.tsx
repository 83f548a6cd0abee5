import type { RJSFSchema, WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { useFormwork } from '../../FormworkContext.js';
import { isCalculated } from '../fieldKind.js';
import { BaseInputTemplate } from './BaseInputTemplate.js';
import { ReadOnlyValue } from './ReadOnlyValue.js';

type Schema = RJSFSchema & Record<string, unknown>;

/** A string longer than this may be is written in a text area (remarks, findings). */
const LONG_TEXT = 100;

/** Free text (el-textarea): honours emptyValue, onBlur/onFocus, readonly and aria-describedby. */
export function TextareaWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onChange, onBlur, onFocus, options, rawErrors } = props;
  const schema = props.schema as Schema;
  const { readOnly } = useFormwork();
  if (readonly || readOnly) return <ReadOnlyValue id={id} value={value} schema={schema} />;
  return (
    <div className={`el-textarea${disabled ? ' is-disabled' : ''}`}>
      <textarea
        id={id}
        className="el-textarea__inner"
        rows={typeof options.rows === 'number' ? options.rows : 3}
        value={value ?? ''}
        disabled={disabled}
        maxLength={typeof schema.maxLength === 'number' ? schema.maxLength : undefined}
        aria-invalid={rawErrors?.length ? true : undefined}
        aria-describedby={ariaDescribedByIds(id)}
        onChange={(e) => onChange(e.target.value === '' ? options.emptyValue : e.target.value)}
        onBlur={(e) => onBlur(id, e.target.value)}
        onFocus={(e) => onFocus(id, e.target.value)}
      />
    </div>
  );
}

/** Text: one line, or a text area for a long one. */
export function TextWidget(props: WidgetProps) {
  const schema = props.schema as Schema;
  if (
    schema.type === 'string' &&
    typeof schema.maxLength === 'number' &&
    schema.maxLength > LONG_TEXT
  ) {
    return <TextareaWidget {...props} />;
  }
  return <BaseInputTemplate {...props} type={props.type} />;
}

/** A yes/no field (el-checkbox, labelled by its field's label); a calculated one reads 是/否. */
export function CheckboxWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onChange, onBlur, onFocus } = props;
  const schema = props.schema as Schema;
  const { readOnly } = useFormwork();
  if (readonly || readOnly || isCalculated(schema)) {
    return <ReadOnlyValue id={id} value={value} schema={schema} live={isCalculated(schema)} />;
  }
  const checked = value === true;
  return (
    <label
      className={`el-checkbox${checked ? ' is-checked' : ''}${disabled ? ' is-disabled' : ''}`}
    >
      <span className={`el-checkbox__input${checked ? ' is-checked' : ''}`}>
        <input
          id={id}
          className="el-checkbox__original"
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-describedby={ariaDescribedByIds(id)}
          onChange={(e) => onChange(e.target.checked)}
          onBlur={() => onBlur(id, value)}
          onFocus={() => onFocus(id, value)}
        />
        <span className="el-checkbox__inner" />
      </span>
    </label>
  );
}
