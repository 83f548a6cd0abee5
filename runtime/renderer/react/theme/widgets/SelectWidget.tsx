import type { EnumOptionsType, RJSFSchema, WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds, optionId } from '@rjsf/utils';
import { useContext, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useFormwork } from '../../FormworkContext.js';
import { FieldPathContext } from '../templates/FieldTemplate.js';
import { isCalculated, RADIO_LIMIT } from '../fieldKind.js';
import { ArrowDownIcon } from '../icons.js';
import { ReadOnlyValue } from './ReadOnlyValue.js';

type Schema = RJSFSchema & Record<string, unknown>;
type Option = EnumOptionsType<RJSFSchema>;

/** Radio buttons for a short code table (el-radio-group). Arrow keys move between them. */
function RadioGroup(props: WidgetProps & { options: { enumOptions: Option[] } }) {
  const { id, value, disabled, onChange, onBlur, onFocus, options } = props;
  return (
    <div
      className="el-radio-group fw-radios"
      role="radiogroup"
      aria-labelledby={`${id}__label`}
      aria-describedby={ariaDescribedByIds(id)}
      id={id}
    >
      {options.enumOptions.map((option, i) => {
        const checked = option.value === value;
        return (
          <label
            key={String(option.value)}
            className={`el-radio${checked ? ' is-checked' : ''}${disabled ? ' is-disabled' : ''}`}
          >
            <span
              className={`el-radio__input${checked ? ' is-checked' : ''}${disabled ? ' is-disabled' : ''}`}
            >
              <input
                className="el-radio__original"
                type="radio"
                id={optionId(id, i)}
                name={id}
                value={String(option.value)}
                checked={checked}
                disabled={disabled}
                onChange={() => onChange(option.value)}
                onBlur={() => onBlur(id, value)}
                onFocus={() => onFocus(id, value)}
              />
              <span className="el-radio__inner" />
            </span>
            <span className="el-radio__label">{option.label}</span>
          </label>
        );
      })}
    </div>
  );
}

/**
 * A long code table as Element Plus's filterable select: a combobox that filters its options as
 * one types the label or its pinyin initials (民族: "hz" finds 汉族), chosen with the arrow keys
 * and Enter, Escape to close.
 */
function FilterSelect(props: WidgetProps & { options: { enumOptions: Option[] } }) {
  const { id, value, disabled, onChange, onBlur, onFocus, options, placeholder } = props;
  const schema = props.schema as Schema;
  const { messages, pinyinInitials } = useFormwork();
  const table = schema['x-code-table'] as string | undefined;
  const initials = (table && pinyinInitials[table]) || {};
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const selected = options.enumOptions.find((o) => o.value === value);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return options.enumOptions;
    return options.enumOptions.filter(
      (o) =>
        o.label.toLowerCase().includes(q) ||
        String(o.value).toLowerCase() === q ||
        (initials[String(o.value)] ?? '').startsWith(q),
    );
  }, [query, options.enumOptions, initials]);
  const choose = (option: Option | undefined) => {
    if (option) onChange(option.value);
    setOpen(false);
    setQuery('');
  };
  const move = (to: number) => {
    const next = Math.max(0, Math.min(matches.length - 1, to));
    setActive(next);
    listRef.current?.children[next]?.scrollIntoView({ block: 'nearest' });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(
          Math.max(
            0,
            matches.findIndex((o) => o.value === value),
          ),
        );
        return;
      }
      move(active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter') {
      if (open) {
        e.preventDefault();
        choose(matches[active]);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
        setQuery('');
      }
    }
  };
  const activeId = open && matches[active] ? `${listId}-${active}` : undefined;
  return (
    <div className={`el-select fw-select${disabled ? ' is-disabled' : ''}`}>
      <div className={`el-select__wrapper${open ? ' is-focused' : ''}`}>
        <div className="el-select__selection">
          <div className="el-select__selected-item el-select__input-wrapper">
            <input
              id={id}
              className="el-select__input fw-select__input"
              role="combobox"
              aria-expanded={open}
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={activeId}
              aria-describedby={ariaDescribedByIds(id)}
              autoComplete="off"
              disabled={disabled}
              value={open ? query : (selected?.label ?? '')}
              placeholder={
                open ? (selected?.label ?? messages.filter) : placeholder || messages.choose
              }
              onChange={(e) => {
                setQuery(e.target.value);
                setOpen(true);
                setActive(0);
              }}
              onKeyDown={onKeyDown}
              onClick={() => setOpen(true)}
              onFocus={() => onFocus(id, value)}
              onBlur={() => {
                setOpen(false);
                setQuery('');
                onBlur(id, value);
              }}
            />
          </div>
        </div>
        <div className="el-select__suffix">
          <ArrowDownIcon />
        </div>
      </div>
      {open ? (
        <div className="el-select-dropdown fw-select__dropdown">
          <ul
            className="el-select-dropdown__list"
            role="listbox"
            id={listId}
            ref={listRef}
            aria-label={messages.choose}
          >
            {matches.length ? (
              matches.map((option, i) => (
                <li
                  key={String(option.value)}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={option.value === value}
                  className={`el-select-dropdown__item${i === active ? ' is-hovering' : ''}${option.value === value ? ' is-selected' : ''}`}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    choose(option);
                  }}
                  onMouseEnter={() => setActive(i)}
                >
                  <span>{option.label}</span>
                </li>
              ))
            ) : (
              <li className="el-select-dropdown__empty" role="presentation">
                {messages.noMatch}
              </li>
            )}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/**
 * Several codes of a table (el-checkbox group). An option the form's rules say stands alone
 * (无症状) clears the others when chosen, and is cleared when another is chosen.
 */
function CheckboxGroup(props: WidgetProps & { options: { enumOptions: Option[] } }) {
  const { id, value, disabled, onChange, onBlur, onFocus, options } = props;
  const { session, messages } = useFormwork();
  const chosen: unknown[] = Array.isArray(value) ? value : [];
  const path = useContext(FieldPathContext);
  const codes = options.enumOptions.map((o) => String(o.value));
  const exclusive = path ? session.exclusiveOptions(path, codes) : new Set<string>();
  const toggle = (option: Option, on: boolean) => {
    let next: unknown[];
    if (!on) next = chosen.filter((v) => v !== option.value);
    else if (exclusive.has(String(option.value))) next = [option.value];
    else next = [...chosen.filter((v) => !exclusive.has(String(v))), option.value];
    // In the table's order, as printed.
    next = options.enumOptions.map((o) => o.value).filter((v) => next.includes(v));
    onChange(next.length ? next : undefined);
  };
  return (
    <div
      className="el-checkbox-group fw-checkboxes"
      role="group"
      aria-labelledby={`${id}__label`}
      aria-describedby={ariaDescribedByIds(id)}
      id={id}
    >
      {options.enumOptions.map((option, i) => {
        const checked = chosen.includes(option.value);
        const alone = exclusive.has(String(option.value));
        return (
          <label
            key={String(option.value)}
            className={`el-checkbox${checked ? ' is-checked' : ''}${disabled ? ' is-disabled' : ''}${alone ? ' fw-exclusive' : ''}`}
          >
            <span
              className={`el-checkbox__input${checked ? ' is-checked' : ''}${disabled ? ' is-disabled' : ''}`}
            >
              <input
                className="el-checkbox__original"
                type="checkbox"
                id={optionId(id, i)}
                name={id}
                value={String(option.value)}
                checked={checked}
                disabled={disabled}
                onChange={(e) => toggle(option, e.target.checked)}
                onBlur={() => onBlur(id, value)}
                onFocus={() => onFocus(id, value)}
              />
              <span className="el-checkbox__inner" />
            </span>
            <span className="el-checkbox__label">
              {option.label}
              {alone ? <span className="fw-sr-only">{messages.exclusive}</span> : null}
            </span>
          </label>
        );
      })}
    </div>
  );
}

/** Code tables: radio buttons up to five options, a filterable select beyond, checkboxes for several. */
export function SelectWidget(props: WidgetProps) {
  const { readOnly } = useFormwork();
  const enumOptions = props.options.enumOptions ?? [];
  if (props.readonly || readOnly || isCalculated(props.schema as Schema)) {
    return (
      <ReadOnlyValue
        id={props.id}
        value={props.value}
        schema={props.schema as Schema}
        live={isCalculated(props.schema as Schema)}
      />
    );
  }
  const withOptions = { ...props, options: { ...props.options, enumOptions } };
  if (props.multiple) return <CheckboxGroup {...withOptions} />;
  if (enumOptions.length <= RADIO_LIMIT) return <RadioGroup {...withOptions} />;
  return <FilterSelect {...withOptions} />;
}
