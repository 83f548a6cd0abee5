import type { BaseInputTemplateProps, RJSFSchema } from '@rjsf/utils';
import { ariaDescribedByIds, getInputProps } from '@rjsf/utils';
import { useContext, type ChangeEvent, type FocusEvent } from 'react';
import { useFormwork, type DeviceReading } from '../../FormworkContext.js';
import { isCalculated, unitOf } from '../fieldKind.js';
import { InPairContext } from '../templates/FieldTemplate.js';
import { ReadOnlyValue } from './ReadOnlyValue.js';

type Schema = RJSFSchema & Record<string, unknown>;

const num = (v: unknown) => (typeof v === 'number' ? String(v) : undefined);

/** "范围 50–300 mmHg": what a number may be, shown under it (and read out with it). */
export function RangeHint({
  id,
  schema,
  hideUnit,
}: {
  id: string;
  schema: Schema;
  hideUnit?: boolean;
}) {
  const { messages } = useFormwork();
  const min = num(schema.minimum) ?? num(schema.exclusiveMinimum);
  const max = num(schema.maximum) ?? num(schema.exclusiveMaximum);
  const unit = !hideUnit && unitOf(schema) ? ` ${unitOf(schema)}` : '';
  const text =
    min !== undefined && max !== undefined
      ? messages.range(min, max)
      : min !== undefined
        ? messages.atLeast(min)
        : max !== undefined
          ? messages.atMost(max)
          : undefined;
  if (!text) return null;
  return (
    <div className="fw-hint" id={`${id}__help`}>
      {text}
      {unit}
    </div>
  );
}

/** The hidden "read from device" slot of a field with `x-device`, shown when the host can read one. */
function DeviceSlot({ device, onValue }: { device: DeviceReading; onValue: (v: unknown) => void }) {
  const { deviceReader, messages } = useFormwork();
  return (
    <button
      type="button"
      className="el-button el-button--small fw-device"
      data-device-kind={device.kind}
      data-device-reading={device.reading}
      hidden={!deviceReader}
      onClick={async () => {
        const value = await deviceReader?.(device);
        if (value !== undefined) onValue(value);
      }}
    >
      <span>{messages.readDevice}</span>
    </button>
  );
}

/**
 * A text or number input drawn as Element Plus's el-input: the unit as its suffix, the range
 * under it, the value as text when read-only (a calculated field is always read-only and is read
 * out as it changes). Honours `emptyValue`, `onBlur/onFocus(id, value)` and `aria-describedby`.
 */
export function BaseInputTemplate(props: BaseInputTemplateProps) {
  const {
    id,
    htmlName,
    value,
    readonly,
    disabled,
    autofocus,
    onBlur,
    onFocus,
    onChange,
    options,
    type,
    placeholder,
    rawErrors,
  } = props;
  const schema = props.schema as Schema;
  const inPair = useContext(InPairContext);
  const { readOnly: formReadOnly } = useFormwork();
  const unit = unitOf(schema);
  if (readonly || formReadOnly || isCalculated(schema)) {
    return <ReadOnlyValue id={id} value={value} schema={schema} live={isCalculated(schema)} />;
  }
  const inputProps = getInputProps(schema, type, options);
  const isNumber = inputProps.type === 'number';
  const inputValue = isNumber ? (value || value === 0 ? value : '') : (value ?? '');
  const device = schema['x-device'] as DeviceReading | undefined;
  return (
    <>
      <div
        className={`el-input${disabled ? ' is-disabled' : ''}${isNumber ? ' fw-input--number' : ''}`}
      >
        <div className="el-input__wrapper">
          <input
            id={id}
            name={htmlName || id}
            className="el-input__inner"
            disabled={disabled}
            autoFocus={autofocus}
            placeholder={placeholder}
            {...inputProps}
            inputMode={isNumber ? (inputProps.step === 1 ? 'numeric' : 'decimal') : undefined}
            value={inputValue}
            maxLength={typeof schema.maxLength === 'number' ? schema.maxLength : undefined}
            aria-invalid={rawErrors?.length ? true : undefined}
            aria-describedby={ariaDescribedByIds(id)}
            onChange={(e: ChangeEvent<HTMLInputElement>) =>
              onChange(e.target.value === '' ? options.emptyValue : e.target.value)
            }
            onBlur={(e: FocusEvent<HTMLInputElement>) => onBlur(id, e.target.value)}
            onFocus={(e: FocusEvent<HTMLInputElement>) => onFocus(id, e.target.value)}
          />
          {unit && !inPair ? (
            <span className="el-input__suffix">
              <span className="el-input__suffix-inner">{unit}</span>
            </span>
          ) : null}
        </div>
      </div>
      {device ? <DeviceSlot device={device} onValue={(v) => onChange(v)} /> : null}
      {isNumber ? <RangeHint id={id} schema={schema} hideUnit={inPair} /> : null}
    </>
  );
}
