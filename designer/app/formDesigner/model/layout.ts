import type { FormDefinition, LocalizedText } from '@formwork/definitions';
import { fail, problem } from './DesignProblem.js';
import { fieldNames, type Container } from './fields.js';
import { getIn, isObject, updateIn, type JsonObject } from './immutable.js';

/**
 * Where fields are shown. A container's fields are ordered by its `ui:order` (as rjsf and the
 * renderer read it: `*` for the rest); the form's top-level fields may also be grouped into
 * sections, the renderer's cards, declared in the UI schema as
 * `"ui:sections": [{ "title": { "zh", "en" }, "fields": [names] }]`. Fields no section names
 * follow in a last card (其他 / Other). Sections change only how the form is shown, never its data.
 */
export interface Section {
  title: LocalizedText;
  fields: string[];
}

/** A place to put a field: a container, a section of the form (top level only), an index. */
export interface Place {
  /** '' for the form, else a group's or repeating group's field path. */
  container: string;
  /** A section's index, top level only; absent: the fields no section holds. */
  section?: number;
  /** Position among that list's fields (clamped; past the end appends). */
  index: number;
}

const uiOf = (definition: Readonly<FormDefinition>) => (definition.uiSchema ?? {}) as JsonObject;

/** The field names of a container in the order they are shown (rjsf's `ui:order` reading). */
export function shownOrder(definition: Readonly<FormDefinition>, container: Container): string[] {
  const names = fieldNames(definition, container);
  const ui = getIn(uiOf(definition), container.uiKeys);
  const order =
    isObject(ui) && Array.isArray(ui['ui:order']) ? (ui['ui:order'] as unknown[]) : ['*'];
  const known = new Set(names);
  const listed = order.filter((n): n is string => typeof n === 'string' && known.has(n));
  const listedSet = new Set(listed);
  const rest = names.filter((n) => !listedSet.has(n));
  const star = order.indexOf('*');
  if (star < 0) return [...listed, ...rest];
  const before = order
    .slice(0, star)
    .filter((n): n is string => typeof n === 'string' && known.has(n));
  const after = order
    .slice(star + 1)
    .filter((n): n is string => typeof n === 'string' && known.has(n));
  return [...before, ...rest, ...after];
}

/** The form's sections as declared (fields that no longer exist left out), or [] without any. */
export function sectionsOf(definition: Readonly<FormDefinition>): Section[] {
  const declared = uiOf(definition)['ui:sections'];
  if (!Array.isArray(declared)) return [];
  const names = new Set(fieldNames(definition, formContainer));
  const used = new Set<string>();
  return declared.map((d: unknown) => {
    const entry = isObject(d) ? d : {};
    const title = isObject(entry.title)
      ? (entry.title as unknown as LocalizedText)
      : { zh: '', en: '' };
    const fields = (Array.isArray(entry.fields) ? entry.fields : []).filter(
      (n): n is string => typeof n === 'string' && names.has(n) && !used.has(n),
    );
    fields.forEach((n) => used.add(n));
    return { title, fields };
  });
}

export const formContainer: Container = {
  path: '',
  kind: 'form',
  objectKeys: [],
  uiKeys: [],
  segments: [],
  inArray: false,
};

/** The top-level fields shown outside every section, in order. */
export function looseFields(definition: Readonly<FormDefinition>): string[] {
  const sectioned = new Set(sectionsOf(definition).flatMap((s) => s.fields));
  return shownOrder(definition, formContainer).filter((n) => !sectioned.has(n));
}

/** The definition with a container's `ui:order` set to `order` (and `*` last, for rjsf). */
export function writeOrder<D extends Readonly<FormDefinition>>(
  definition: D,
  container: Container,
  order: readonly string[],
): D {
  return updateIn(definition, ['uiSchema', ...container.uiKeys, 'ui:order'], () => [...order, '*']);
}

/** The definition with the form's sections (and its `ui:order` following them) rewritten. */
export function writeSections<D extends Readonly<FormDefinition>>(
  definition: D,
  sections: readonly Section[],
  loose: readonly string[],
): D {
  const withSections = updateIn(definition, ['uiSchema', 'ui:sections'], () =>
    sections.length ? sections.map((s) => ({ title: s.title, fields: s.fields })) : undefined,
  );
  return writeOrder(withSections, formContainer, [...sections.flatMap((s) => s.fields), ...loose]);
}

const clamp = (index: number, length: number) =>
  Math.max(0, Math.min(Number.isFinite(index) ? Math.trunc(index) : length, length));

function sectionProblem(section: number) {
  return fail(
    'not_found',
    problem(
      'section-unknown',
      '/uiSchema/ui:sections',
      `表单没有第 ${section + 1} 个分节`,
      `the form has no section ${section + 1}`,
    ),
  );
}

/** The definition with `name` (a field of the container, or about to be) shown at `place`. */
export function showAt<D extends Readonly<FormDefinition>>(
  definition: D,
  container: Container,
  place: Place,
  name: string,
): D {
  if (container.kind === 'form') {
    const sections = sectionsOf(definition).map((s) => ({
      ...s,
      fields: s.fields.filter((n) => n !== name),
    }));
    const loose = looseFields(definition).filter((n) => n !== name);
    if (place.section !== undefined) {
      const target = sections[place.section] ?? sectionProblem(place.section);
      target.fields.splice(clamp(place.index, target.fields.length), 0, name);
    } else {
      loose.splice(clamp(place.index, loose.length), 0, name);
    }
    if (!sections.length) return writeOrder(definition, container, loose);
    return writeSections(definition, sections, loose);
  }
  if (place.section !== undefined) sectionProblem(place.section);
  const order = shownOrder(definition, container).filter((n) => n !== name);
  order.splice(clamp(place.index, order.length), 0, name);
  return writeOrder(definition, container, order);
}

/** The definition with `name` no longer shown in its container (its UI schema removed too). */
export function unshow<D extends Readonly<FormDefinition>>(
  definition: D,
  container: Container,
  name: string,
): D {
  let next = updateIn(definition, ['uiSchema', ...container.uiKeys, name], () => undefined);
  if (container.kind === 'form') {
    const sections = sectionsOf(definition).map((s) => ({
      ...s,
      fields: s.fields.filter((n) => n !== name),
    }));
    const loose = looseFields(definition).filter((n) => n !== name);
    return sections.length
      ? writeSections(next, sections, loose)
      : writeOrder(next, container, loose);
  }
  next = writeOrder(
    next,
    container,
    shownOrder(definition, container).filter((n) => n !== name),
  );
  return next;
}

/** Where a field is shown now: its container, section and index. */
export function placeOf(
  definition: Readonly<FormDefinition>,
  container: Container,
  name: string,
): Place {
  if (container.kind === 'form') {
    const sections = sectionsOf(definition);
    for (let s = 0; s < sections.length; s++) {
      const index = sections[s]!.fields.indexOf(name);
      if (index >= 0) return { container: '', section: s, index };
    }
    return { container: '', index: looseFields(definition).indexOf(name) };
  }
  return { container: container.path, index: shownOrder(definition, container).indexOf(name) };
}
