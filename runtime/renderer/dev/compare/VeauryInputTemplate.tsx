/**
 * The other way the issue names, measured against ours (runtime/README.md, "Form renderer"):
 * Element Plus's own <el-input> (a Vue component) inside the rjsf widget through veaury. The
 * comparison page builds the renderer with this file in place of widgets/BaseInputTemplate.tsx
 * (compare/vite.config.ts); every text and number field of the form is then a Vue app in React.
 */
import type { BaseInputTemplateProps, RJSFSchema } from '@rjsf/utils';
import { ariaDescribedByIds, getInputProps } from '@rjsf/utils';
import { ElInput } from 'element-plus';
import { applyVueInReact } from 'veaury';
import { useFormwork } from '../../react/FormworkContext.js';
import { isCalculated, unitOf } from '../../react/theme/fieldKind.js';
import { ReadOnlyValue } from '../../react/theme/widgets/ReadOnlyValue.js';

type Schema = RJSFSchema & Record<string, unknown>;

const Input = applyVueInReact(ElInput) as unknown as (props: Record<string, unknown>) => null;

export function BaseInputTemplate(props: BaseInputTemplateProps) {
  const { id, value, readonly, disabled, onBlur, onFocus, onChange, options, type } = props;
  const schema = props.schema as Schema;
  const { readOnly } = useFormwork();
  if (readonly || readOnly || isCalculated(schema)) {
    return <ReadOnlyValue id={id} value={value} schema={schema} live={isCalculated(schema)} />;
  }
  const inputProps = getInputProps(schema, type, options);
  return (
    <Input
      id={id}
      type={inputProps.type === 'number' ? 'number' : 'text'}
      disabled={disabled}
      aria-describedby={ariaDescribedByIds(id)}
      v-model={[value ?? '', (next: string) => onChange(next === '' ? options.emptyValue : next)]}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
      placeholder={unitOf(schema)}
    />
  );
}
