import type {
  ArrayFieldItemTemplateProps,
  ArrayFieldTemplateProps,
  IconButtonProps,
  RJSFSchema,
  SubmitButtonProps,
} from '@rjsf/utils';
import { buttonId } from '@rjsf/utils';
import { useContext } from 'react';
import { useFormwork } from '../../FormworkContext.js';
import { SoleFieldContext } from './ObjectFieldTemplate.js';

type Schema = RJSFSchema & Record<string, unknown>;

/** A repeating group (用药情况): its rows, each with a remove button, and "add a row". */
export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { canAdd, disabled, fieldPathId, items, onAddClick, readonly, title, registry } = props;
  const schema = props.schema as Schema;
  const { messages } = useFormwork();
  const sole = useContext(SoleFieldContext);
  const path = fieldPathId.path;
  const showTitle = !(path.length === 1 && sole === path[0]);
  const { AddButton } = registry.templates.ButtonTemplates;
  return (
    <fieldset className="fw-group fw-array" id={fieldPathId.$id}>
      {showTitle && title ? <legend className="fw-group__title">{title}</legend> : null}
      {showTitle && typeof schema.description === 'string' ? (
        <div className="fw-description">{schema.description}</div>
      ) : null}
      {items.length ? (
        <ol className="fw-rows">{items}</ol>
      ) : (
        <p className="fw-empty">{messages.empty}</p>
      )}
      {canAdd && !readonly ? (
        <AddButton
          id={buttonId(fieldPathId, 'add')}
          className="fw-add"
          onClick={onAddClick}
          disabled={disabled || readonly}
          registry={registry}
        />
      ) : null}
    </fieldset>
  );
}

/** One row: its fields on a line, and its remove button. */
export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar, index, registry, readonly } = props;
  const { messages } = useFormwork();
  const { RemoveButton } = registry.templates.ButtonTemplates;
  return (
    <li className="fw-row" aria-label={messages.row(index + 1)}>
      <span className="fw-row__number" aria-hidden="true">
        {index + 1}
      </span>
      <div className="fw-row__fields">{children}</div>
      {hasToolbar && buttonsProps.hasRemove && !readonly ? (
        <RemoveButton
          id={buttonId(buttonsProps.fieldPathId, 'remove')}
          className="fw-remove"
          onClick={buttonsProps.onRemoveItem}
          disabled={buttonsProps.disabled || buttonsProps.readonly}
          registry={registry}
          title={messages.removeRow(index + 1)}
        />
      ) : null}
    </li>
  );
}

export function AddButton({ id, className, onClick, disabled }: IconButtonProps) {
  const { messages } = useFormwork();
  return (
    <button
      type="button"
      id={id}
      className={`el-button el-button--primary is-plain ${className ?? ''}`}
      onClick={onClick}
      disabled={disabled}
    >
      <span>＋ {messages.add}</span>
    </button>
  );
}

export function RemoveButton({ id, className, onClick, disabled, title }: IconButtonProps) {
  const { messages } = useFormwork();
  return (
    <button
      type="button"
      id={id}
      className={`el-button el-button--danger is-link ${className ?? ''}`}
      onClick={onClick}
      disabled={disabled}
      aria-label={title ?? messages.remove}
    >
      <span>{messages.remove}</span>
    </button>
  );
}

/** Never drawn: rows are not reordered or copied in a clinical record. */
export const NoButton = () => null;

export function SubmitButton({ uiSchema }: SubmitButtonProps) {
  const { messages, readOnly } = useFormwork();
  const options = (uiSchema?.['ui:submitButtonOptions'] ?? {}) as { norender?: boolean };
  if (readOnly || options.norender) return null;
  return (
    <div className="fw-actions">
      <button type="submit" className="el-button el-button--primary el-button--large">
        <span>{messages.submit}</span>
      </button>
    </div>
  );
}
