import type { FormError, Locale } from '@formwork/definitions';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { FormSession, type FormTrigger } from '../model/FormSession.js';
import { pointerSegments } from '../model/pointer.js';
import type { FormworkValidator } from '../validator/formworkValidator.js';
import {
  FormworkContext,
  useFormwork,
  useSnapshot,
  type DeviceReader,
  type FormworkContextValue,
} from './FormworkContext.js';
import { messagesFor } from '../messages.js';
import { ThemedForm } from './theme/index.js';
import { WarningIcon } from './theme/icons.js';

type Data = Record<string, unknown>;

/** What the Vue component passes to the island (its props and its emits). */
export interface FormworkFormProps {
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  data: Data;
  locale: Locale;
  readOnly: boolean;
  validator: FormworkValidator;
  triggers?: readonly FormTrigger[];
  pinyinInitials?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  deviceReader?: DeviceReader;
  onData(data: Data): void;
  onSubmit(payload: { data: Data }): void;
  onError(errors: readonly FormError[]): void;
}

/** Where a field is drawn: the element of the deepest field at or above `path`. */
function fieldElement(root: HTMLElement, path: string): HTMLElement | undefined {
  const segments = pointerSegments(path);
  for (let n = segments.length; n > 0; n--) {
    const at = `/${segments.slice(0, n).join('/')}`;
    const element = root.querySelector<HTMLElement>(`[data-fw-path="${CSS.escape(at)}"]`);
    if (element) return element;
  }
  return undefined;
}

function goTo(root: HTMLElement | null, path: string) {
  const element = root && fieldElement(root, path);
  if (!element) return;
  element.scrollIntoView({ behavior: 'smooth', block: 'center' });
  // The field's own control first (a date's input, not its calendar button).
  const control = ['input:not([type=hidden])', 'select, textarea', 'button, output']
    .map((selector) => element.querySelector<HTMLElement>(selector))
    .find(Boolean);
  control?.focus({ preventScroll: true });
}

/** The first error in the order the page shows the fields. */
function firstShown(root: HTMLElement | null, errors: readonly FormError[]): FormError | undefined {
  if (!root) return errors[0];
  const placed = errors
    .map((error) => ({ error, element: fieldElement(root, error.path) }))
    .filter((e): e is { error: FormError; element: HTMLElement } => !!e.element);
  placed.sort((a, b) =>
    a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
  );
  return placed[0]?.error ?? errors[0];
}

/** While a trigger of the release holds on the data (the urgent referral), say so on top. */
function Banners() {
  const { banners } = useSnapshot();
  const { locale } = useFormwork();
  if (!banners.length) return null;
  return (
    <div className="fw-banners">
      {banners.map((trigger) => (
        <div
          key={trigger.id}
          className="el-alert el-alert--error is-dark fw-banner"
          role="alert"
          data-trigger={trigger.id}
        >
          <WarningIcon />
          <div className="el-alert__content">
            <span className="el-alert__title is-bold">{trigger.title[locale]}</span>
          </div>
        </div>
      ))}
    </div>
  );
}

/** After a submit that failed: every error, each a button that goes to its field. */
function Summary({ root }: { root: React.RefObject<HTMLDivElement | null> }) {
  const snapshot = useSnapshot();
  const { locale, messages, session } = useFormwork();
  if (!snapshot.submitted || !snapshot.errors.length) return null;
  const titleOf = (path: string) => {
    const field = session.fields.get(path);
    return field?.title?.[locale];
  };
  return (
    <div className="el-alert el-alert--error is-light fw-summary" role="alert" tabIndex={-1}>
      <div className="el-alert__content">
        <span className="el-alert__title is-bold">
          {messages.summaryTitle(snapshot.errors.length)}
        </span>
        <p className="el-alert__description">{messages.summaryHint}</p>
        <ul className="fw-summary__list">
          {snapshot.errors.map((error, i) => {
            const title = titleOf(error.path);
            const text = error.message[locale];
            return (
              <li key={`${error.path}-${error.keyword}-${i}`}>
                <button
                  type="button"
                  className="el-link el-link--danger fw-summary__link"
                  data-path={error.path}
                  onClick={() => goTo(root.current, error.path)}
                >
                  <span className="el-link__inner">
                    {title && !text.startsWith(title)
                      ? `${title}${locale === 'en' ? ': ' : '：'}${text}`
                      : text || messages.wholeRecord}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

function Footer({ root }: { root: React.RefObject<HTMLDivElement | null> }) {
  const { readOnly, messages } = useFormwork();
  return (
    <>
      <Summary root={root} />
      {readOnly ? null : (
        <div className="fw-actions">
          <button type="submit" className="el-button el-button--primary el-button--large fw-submit">
            <span>{messages.submit}</span>
          </button>
        </div>
      )}
    </>
  );
}

/**
 * The rjsf island: the themed @rjsf/core Form over a FormSession (calculated fields, visibility
 * and errors from the compiled form's `process`), the release's trigger banners on top and the
 * error summary by the submit button. The host gets every change (`onData`, calculated values
 * included), a valid record (`onSubmit`, the data as it would be stored) or the errors
 * (`onError`); it does the I/O.
 */
export function FormworkForm(props: FormworkFormProps) {
  const { validator, triggers, locale, readOnly } = props;
  // A session per form (and its triggers): a change of language or validator options keeps
  // what was entered; the data it starts from is the data of its first render.
  const initialData = useRef(props.data);
  const form = validator.form;
  const session = useMemo(
    () =>
      new FormSession(validator, { triggers, clock: validator.clock }, initialData.current ?? {}),
    [form, triggers], // validator left out on purpose: see above
  );
  const emitted = useRef<Data | undefined>(undefined);
  const root = useRef<HTMLDivElement>(null);
  const callbacks = useRef(props);
  callbacks.current = props;

  // Data the host changed (a draft opened): taken in, unless it is what we just gave it.
  const [hostVersion, setHostVersion] = useState(0);
  useEffect(() => {
    if (props.data !== emitted.current && props.data !== session.snapshot.data) {
      session.setData(props.data ?? {});
      setHostVersion((v) => v + 1);
    }
  }, [props.data, session]);

  // rjsf keeps what the user types in its own state: it is given the data again only when the
  // host changed it or when another of its props changes (it then rebuilds its state from this).
  // Re-giving it each keystroke's data (with the calculated values) made it rebuild its whole
  // state per keystroke: 200 fields cost ~3x a bare rjsf form (npm run bench -- runtime-form).
  // Calculated values reach the screen through the session (ReadOnlyValue), not through rjsf.
  const { schema, uiSchema } = props;
  const formData = useMemo(
    () => session.snapshot.data,
    [session, schema, uiSchema, validator, readOnly, hostVersion],
  );

  // Stable callbacks, so that the memoized rjsf island is not redrawn when the host re-renders.
  const onChange = useCallback(
    (data: Data) => {
      const snapshot = session.setData(data);
      emitted.current = snapshot.data;
      callbacks.current.onData(snapshot.data);
    },
    [session],
  );
  const onSubmitted = useCallback(() => {
    const outcome = session.submit();
    if (outcome.ok) callbacks.current.onSubmit({ data: outcome.data });
    else {
      callbacks.current.onError(outcome.errors);
      const first = firstShown(root.current, outcome.errors);
      if (first) goTo(root.current, first.path);
    }
  }, [session]);

  const context: FormworkContextValue = useMemo(
    () => ({
      session,
      locale,
      readOnly,
      messages: messagesFor(locale),
      pinyinInitials: props.pinyinInitials ?? {},
      deviceReader: props.deviceReader,
    }),
    [session, locale, readOnly, props.pinyinInitials, props.deviceReader],
  );

  return (
    <FormworkContext.Provider value={context}>
      <div className="fw-renderer-root" ref={root} lang={locale === 'en' ? 'en' : 'zh-CN'}>
        <Banners />
        {readOnly ? <p className="fw-readonly-notice">{context.messages.readOnlyNotice}</p> : null}
        <Island
          schema={props.schema}
          uiSchema={props.uiSchema}
          validator={validator}
          readOnly={readOnly}
          formData={formData}
          onChange={onChange}
          onSubmitted={onSubmitted}
          root={root}
        />
      </div>
    </FormworkContext.Provider>
  );
}

/** rjsf invents no data: no first option as a default, no empty objects or rows. */
const DEFAULTS = {
  emptyObjectFields: 'skipEmptyDefaults',
  arrayMinItems: { populate: 'never' },
  constAsDefaults: 'never',
} as const;

interface IslandProps {
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  validator: FormworkValidator;
  readOnly: boolean;
  formData: Data;
  onChange(data: Data): void;
  onSubmitted(): void;
  root: React.RefObject<HTMLDivElement | null>;
}

/** The themed rjsf Form, redrawn by rjsf itself as the user types, not by its parents. */
const Island = memo(function Island({
  schema,
  uiSchema,
  validator,
  readOnly,
  formData,
  onChange,
  onSubmitted,
  root,
}: IslandProps) {
  // Enter in a field does not send the record: the submit button does.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (e.key === 'Enter' && target.tagName === 'INPUT' && !e.defaultPrevented) {
      e.preventDefault();
    }
  };
  return (
    <div onKeyDown={onKeyDown}>
      <ThemedForm
        schema={schema as RJSFSchema}
        uiSchema={uiSchema as UiSchema}
        formData={formData}
        validator={validator}
        readonly={readOnly}
        noValidate
        noHtml5Validate
        showErrorList={false}
        className="el-form el-form--default el-form--label-right fw-form"
        experimental_defaultFormStateBehavior={DEFAULTS}
        onChange={(event) => onChange((event.formData ?? {}) as Data)}
        onSubmit={() => onSubmitted()}
      >
        <Footer root={root} />
      </ThemedForm>
    </div>
  );
});
