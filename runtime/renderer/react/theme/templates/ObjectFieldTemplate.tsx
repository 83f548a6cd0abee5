import type {
  ObjectFieldTemplatePropertyType,
  ObjectFieldTemplateProps,
  RJSFSchema,
} from '@rjsf/utils';
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { sectionsOf, type Section } from '../../../model/sections.js';
import { toPointer } from '../../../model/pointer.js';
import { useFieldState, useFormwork } from '../../FormworkContext.js';
import { bpReading, unitOf } from '../fieldKind.js';
import { InPairContext } from './FieldTemplate.js';

type Schema = RJSFSchema & Record<string, unknown>;

/** The property a section card holds alone (its title is the card's, not drawn twice). */
export const SoleFieldContext = createContext<string | undefined>(undefined);

/** Systolic and diastolic on one line: `[sbp] / [dbp] mmHg`, under one label. */
function BloodPressurePair({
  first,
  second,
  schema,
  prefix,
}: {
  first: ObjectFieldTemplatePropertyType;
  second: ObjectFieldTemplatePropertyType;
  schema: Schema;
  prefix: (string | number)[];
}) {
  const a = useFieldState(toPointer([...prefix, first.name]));
  const b = useFieldState(toPointer([...prefix, second.name]));
  const properties = schema.properties as Record<string, Schema>;
  if (a.hidden && b.hidden) return null;
  const title = (name: string) => String(properties[name]?.title ?? name);
  const unit = unitOf(properties[first.name]!) ?? '';
  return (
    <div
      className="el-form-item fw-pair"
      role="group"
      aria-label={`${title(first.name)} / ${title(second.name)}`}
    >
      <span className="el-form-item__label fw-label" aria-hidden="true">
        {title(first.name)} / {title(second.name)}
      </span>
      <div className="el-form-item__content fw-pair__line">
        <InPairContext.Provider value={true}>
          {first.content}
          <span className="fw-pair__slash" aria-hidden="true">
            /
          </span>
          {second.content}
        </InPairContext.Provider>
        {unit ? <span className="fw-pair__unit">{unit}</span> : null}
      </div>
    </div>
  );
}

/** The properties in order, a blood-pressure pair drawn once on one line. */
function Properties({
  properties,
  schema,
  prefix,
}: {
  properties: ObjectFieldTemplatePropertyType[];
  schema: Schema;
  prefix: (string | number)[];
}) {
  const all = (schema.properties ?? {}) as Record<string, Schema>;
  const out: ReactNode[] = [];
  const done = new Set<string>();
  for (const prop of properties) {
    if (done.has(prop.name)) continue;
    if (bpReading(all[prop.name]) === 'systolic') {
      const partner = properties.find(
        (p) => !done.has(p.name) && bpReading(all[p.name]) === 'diastolic',
      );
      if (partner) {
        done.add(partner.name);
        out.push(
          <BloodPressurePair
            key={`${prop.name}+${partner.name}`}
            first={prop}
            second={partner}
            schema={schema}
            prefix={prefix}
          />,
        );
        continue;
      }
    }
    out.push(<PropertySlot key={prop.name}>{prop.content}</PropertySlot>);
  }
  return <>{out}</>;
}

const PropertySlot = ({ children }: { children: ReactNode }) => <>{children}</>;

const sectionId = (idPrefix: string, section: Section) => `${idPrefix}__section-${section.key}`;

/** The form: sections as Element Plus cards, a jump list beside them (on top when narrow). */
function RootObject(props: ObjectFieldTemplateProps) {
  const { properties, fieldPathId } = props;
  const schema = props.schema as Schema;
  const { messages, locale, session } = useFormwork();
  const uiSchema = props.uiSchema;
  const sections = useMemo(
    () => sectionsOf(schema, uiSchema ?? {}, locale),
    [schema, uiSchema, locale],
  );
  // Redrawn when a card appears or goes (visibility), not on every keystroke.
  const subscribe = useCallback((fn: () => void) => session.subscribe(fn), [session]);
  const visible = useSyncExternalStore(subscribe, () =>
    sections
      .filter((section) => section.fields.some((f) => !session.snapshot.hidden.has(toPointer([f]))))
      .map((section) => section.key)
      .join('\n'),
  );
  const byName = new Map(properties.map((p) => [p.name, p]));
  const shownKeys = new Set(visible.split('\n'));
  const shown = sections
    .filter((section) => shownKeys.has(section.key))
    .map((section) => ({
      section,
      props: section.fields
        .map((f) => byName.get(f))
        .filter((p): p is ObjectFieldTemplatePropertyType => !!p),
    }))
    .filter(({ props: list }) => list.length > 0);
  const jump = (section: Section) => {
    const card = document.getElementById(sectionId(fieldPathId.$id, section));
    card?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    card?.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  };
  return (
    <div className={shown.length > 1 ? 'fw-layout' : 'fw-layout fw-layout--single'}>
      {shown.length > 1 ? (
        <nav className="fw-jump" aria-label={messages.sections}>
          <ol>
            {shown.map(({ section }) => (
              <li key={section.key}>
                <button
                  type="button"
                  className="el-link el-link--default fw-jump__link"
                  onClick={() => jump(section)}
                >
                  <span className="el-link__inner">{section.title}</span>
                </button>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <div className="fw-sections">
        {shown.map(({ section, props: list }) => (
          <section
            key={section.key}
            id={sectionId(fieldPathId.$id, section)}
            className="el-card is-always-shadow fw-section"
            aria-labelledby={`${sectionId(fieldPathId.$id, section)}__title`}
          >
            <div className="el-card__header">
              <h2 id={`${sectionId(fieldPathId.$id, section)}__title`} tabIndex={-1}>
                {section.title}
              </h2>
            </div>
            <div className="el-card__body">
              <SoleFieldContext.Provider value={list.length === 1 ? list[0]!.name : undefined}>
                <Properties properties={list} schema={schema} prefix={[]} />
              </SoleFieldContext.Provider>
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}

/**
 * An object: the form itself (sections), a row of a repeating group (its fields on one line), or
 * a group of fields under its title (转诊).
 */
export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { fieldPathId, properties, title, description } = props;
  const schema = props.schema as Schema;
  const sole = useContext(SoleFieldContext);
  const path = fieldPathId.path;
  if (path.length === 0) return <RootObject {...props} />;
  const inRow = typeof path[path.length - 1] === 'number';
  const showTitle = !inRow && !(path.length === 1 && sole === path[0]);
  return (
    <fieldset className={inRow ? 'fw-row-fields' : 'fw-group'} id={fieldPathId.$id}>
      {showTitle && title ? <legend className="fw-group__title">{title}</legend> : null}
      {showTitle && typeof description === 'string' && description ? (
        <div className="fw-description">{description}</div>
      ) : null}
      <SoleFieldContext.Provider value={undefined}>
        <Properties properties={properties} schema={schema} prefix={path} />
      </SoleFieldContext.Provider>
    </fieldset>
  );
}
