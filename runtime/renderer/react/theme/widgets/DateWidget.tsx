import type { RJSFSchema, WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useFormwork } from '../../FormworkContext.js';
import {
  ArrowLeftIcon,
  ArrowRightIcon,
  CalendarIcon,
  DArrowLeftIcon,
  DArrowRightIcon,
} from '../icons.js';
import { isCalculated } from '../fieldKind.js';
import { ReadOnlyValue } from './ReadOnlyValue.js';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parse(value: unknown): { y: number; m: number; d: number } | undefined {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return undefined;
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

function shift(date: { y: number; m: number; d: number }, days: number) {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function shiftMonths(date: { y: number; m: number; d: number }, months: number) {
  const index = date.y * 12 + (date.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { y, m, d: Math.min(date.d, daysIn(y, m)) };
}

/** The month panel of Element Plus's date picker, driven by the keyboard as a grid. */
function MonthPanel({
  value,
  onPick,
  onClose,
  labelId,
}: {
  value: string | undefined;
  onPick: (date: string) => void;
  onClose: () => void;
  labelId: string;
}) {
  const { messages } = useFormwork();
  const now = new Date();
  const today = { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
  const [focus, setFocus] = useState(parse(value) ?? today);
  const grid = useRef<HTMLTableElement>(null);
  useEffect(() => {
    grid.current?.querySelector<HTMLElement>('td[tabindex="0"]')?.focus();
  }, [focus]);
  const selected = parse(value);
  const first = weekday(focus.y, focus.m, 1);
  const cells: ({ y: number; m: number; d: number } | undefined)[] = [];
  for (let i = 0; i < first; i++) cells.push(undefined);
  for (let d = 1; d <= daysIn(focus.y, focus.m); d++) cells.push({ y: focus.y, m: focus.m, d });
  while (cells.length % 7) cells.push(undefined);
  const rows: (typeof cells)[] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
  const same = (a?: { y: number; m: number; d: number }, b?: { y: number; m: number; d: number }) =>
    !!a && !!b && a.y === b.y && a.m === b.m && a.d === b.d;
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, () => { y: number; m: number; d: number }> = {
      ArrowLeft: () => shift(focus, -1),
      ArrowRight: () => shift(focus, 1),
      ArrowUp: () => shift(focus, -7),
      ArrowDown: () => shift(focus, 7),
      PageUp: () => shiftMonths(focus, e.shiftKey ? -12 : -1),
      PageDown: () => shiftMonths(focus, e.shiftKey ? 12 : 1),
      Home: () => shift(focus, -weekday(focus.y, focus.m, focus.d)),
      End: () => shift(focus, 6 - weekday(focus.y, focus.m, focus.d)),
    };
    if (moves[e.key]) {
      e.preventDefault();
      setFocus(moves[e.key]!());
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onPick(iso(focus.y, focus.m, focus.d));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };
  const iconButton = (
    label: string,
    to: () => void,
    Icon: () => React.JSX.Element,
    cls: string,
  ) => (
    <button
      type="button"
      className={`el-picker-panel__icon-btn ${cls}`}
      aria-label={label}
      onClick={to}
    >
      <Icon />
    </button>
  );
  return (
    <div
      className="el-picker-panel el-date-picker fw-date-panel"
      role="dialog"
      aria-labelledby={labelId}
    >
      <div className="el-picker-panel__body-wrapper">
        <div className="el-picker-panel__body">
          <div className="el-date-picker__header">
            <span className="el-date-picker__prev-btn">
              {iconButton(
                messages.previousYear,
                () => setFocus(shiftMonths(focus, -12)),
                DArrowLeftIcon,
                'd-arrow-left',
              )}
              {iconButton(
                messages.previousMonth,
                () => setFocus(shiftMonths(focus, -1)),
                ArrowLeftIcon,
                'arrow-left',
              )}
            </span>
            <span className="el-date-picker__header-label" id={labelId} aria-live="polite">
              {messages.monthTitle(focus.y, focus.m)}
            </span>
            <span className="el-date-picker__next-btn">
              {iconButton(
                messages.nextMonth,
                () => setFocus(shiftMonths(focus, 1)),
                ArrowRightIcon,
                'arrow-right',
              )}
              {iconButton(
                messages.nextYear,
                () => setFocus(shiftMonths(focus, 12)),
                DArrowRightIcon,
                'd-arrow-right',
              )}
            </span>
          </div>
          <div className="el-picker-panel__content">
            <table
              className="el-date-table"
              role="grid"
              aria-labelledby={labelId}
              ref={grid}
              onKeyDown={onKeyDown}
            >
              <tbody>
                <tr>
                  {messages.weekdays.map((w) => (
                    <th key={w} scope="col">
                      {w}
                    </th>
                  ))}
                </tr>
                {rows.map((row, r) => (
                  <tr className="el-date-table__row" key={r}>
                    {row.map((cell, c) =>
                      cell ? (
                        <td
                          key={c}
                          role="gridcell"
                          className={`available${same(cell, today) ? ' today' : ''}${same(cell, selected) ? ' current' : ''}`}
                          tabIndex={same(cell, focus) ? 0 : -1}
                          aria-selected={same(cell, selected)}
                          aria-label={iso(cell.y, cell.m, cell.d)}
                          onClick={() => onPick(iso(cell.y, cell.m, cell.d))}
                        >
                          <div className="el-date-table-cell">
                            <span className="el-date-table-cell__text">{cell.d}</span>
                          </div>
                        </td>
                      ) : (
                        <td key={c} className="fw-date-blank" />
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
      <div className="el-picker-panel__footer">
        <button
          type="button"
          className="el-button el-button--small is-text"
          onClick={() => onPick(iso(today.y, today.m, today.d))}
        >
          <span>{messages.today}</span>
        </button>
      </div>
    </div>
  );
}

/**
 * A date as Element Plus's zh-CN date picker: typed as 年-月-日 (the fastest with a keyboard), or
 * picked from the month panel the calendar button opens (arrow keys, Page Up/Down, Enter).
 */
export function DateWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onChange, onBlur, onFocus, options, rawErrors } = props;
  const { messages, readOnly } = useFormwork();
  const [open, setOpen] = useState(false);
  const labelId = useId();
  const input = useRef<HTMLInputElement>(null);
  const schema = props.schema as RJSFSchema & Record<string, unknown>;
  if (readonly || readOnly || isCalculated(schema)) {
    // A calculated date (EDD, the suggested next visit) is read out as it changes.
    return <ReadOnlyValue id={id} value={value} schema={schema} live={isCalculated(schema)} />;
  }
  const close = () => {
    setOpen(false);
    input.current?.focus();
  };
  return (
    <div className="fw-date">
      <div
        className={`el-input el-input--prefix el-date-editor el-date-editor--date${disabled ? ' is-disabled' : ''}`}
      >
        <div className="el-input__wrapper">
          <span className="el-input__prefix">
            <span className="el-input__prefix-inner">
              <button
                type="button"
                className="fw-date__open"
                aria-label={messages.openCalendar}
                aria-expanded={open}
                disabled={disabled}
                onClick={() => setOpen(!open)}
              >
                <CalendarIcon />
              </button>
            </span>
          </span>
          <input
            ref={input}
            id={id}
            className="el-input__inner"
            inputMode="numeric"
            autoComplete="off"
            placeholder={messages.datePlaceholder}
            maxLength={10}
            disabled={disabled}
            value={typeof value === 'string' ? value : ''}
            aria-invalid={rawErrors?.length ? true : undefined}
            aria-describedby={ariaDescribedByIds(id)}
            onChange={(e) => onChange(e.target.value === '' ? options.emptyValue : e.target.value)}
            onBlur={(e) => onBlur(id, e.target.value)}
            onFocus={(e) => onFocus(id, e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' && e.altKey) {
                e.preventDefault();
                setOpen(true);
              }
            }}
          />
        </div>
      </div>
      {open ? (
        <div
          className="el-popper is-light fw-date__popper"
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
          }}
        >
          <MonthPanel
            value={typeof value === 'string' ? value : undefined}
            labelId={labelId}
            onClose={close}
            onPick={(date) => {
              onChange(date);
              close();
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
