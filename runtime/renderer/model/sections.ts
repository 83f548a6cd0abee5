import type { Locale } from '@formwork/definitions';

type Schema = Record<string, unknown>;

/** A card of the form: its title and the top-level fields it holds, in order. */
export interface Section {
  key: string;
  title: string;
  fields: string[];
}

/**
 * `ui:sections` in a form's UI schema names its cards: `[{ "title": { "zh", "en" }, "fields":
 * [names] }]`; fields no section names follow in a last card.
 */
interface DeclaredSection {
  title: string | { zh: string; en: string };
  fields: string[];
}

const isObject = (v: unknown): v is Schema =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The top-level properties in the order the UI schema gives (`ui:order`, `*` for the rest). */
export function orderedFields(schema: Schema, uiSchema: Schema): string[] {
  const names = Object.keys(isObject(schema.properties) ? schema.properties : {});
  const order = Array.isArray(uiSchema['ui:order']) ? (uiSchema['ui:order'] as string[]) : ['*'];
  const listed = order.filter((n) => n !== '*' && names.includes(n));
  const rest = names.filter((n) => !listed.includes(n));
  const star = order.indexOf('*');
  if (star < 0) return [...listed, ...rest];
  const before = order.slice(0, star).filter((n) => names.includes(n));
  const after = order.slice(star + 1).filter((n) => names.includes(n));
  return [...before, ...rest, ...after];
}

const isContainer = (field: unknown) =>
  isObject(field) &&
  (field.type === 'object' ||
    (field.type === 'array' && isObject(field.items) && field.items.type === 'object'));

const titleOf = (field: unknown, name: string) =>
  isObject(field) && typeof field.title === 'string' ? field.title : name;

/**
 * The cards of a form: as `ui:sections` declares them, else derived from the form itself: each
 * group of fields (an object such as 转诊, a repeating group such as 用药情况) a card of its own,
 * and the fields between them a card titled by its first and last field ("随访日期 – 分类依据说明").
 */
export function sectionsOf(schema: Schema, uiSchema: Schema, locale: Locale): Section[] {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const fields = orderedFields(schema, uiSchema);
  const declared = uiSchema['ui:sections'];
  if (Array.isArray(declared) && declared.length) {
    const sections: Section[] = [];
    const used = new Set<string>();
    (declared as DeclaredSection[]).forEach((d, i) => {
      const names = (Array.isArray(d.fields) ? d.fields : []).filter(
        (n) => n in properties && !used.has(n),
      );
      names.forEach((n) => used.add(n));
      const title = typeof d.title === 'string' ? d.title : (d.title?.[locale] ?? `${i + 1}`);
      if (names.length) sections.push({ key: `s${i}`, title, fields: names });
    });
    const rest = fields.filter((n) => !used.has(n));
    if (rest.length) {
      sections.push({
        key: 'rest',
        title: locale === 'en' ? 'Other' : '其他',
        fields: rest,
      });
    }
    return sections;
  }
  const sections: Section[] = [];
  let run: string[] = [];
  const closeRun = () => {
    if (!run.length) return;
    // Titled by fields always shown: a last field a rule may hide would name a card without it.
    const shownAlways = run.filter(
      (n) => !(isObject(properties[n]) && 'x-visible' in properties[n]),
    );
    const ends = shownAlways.length ? shownAlways : run;
    const first = titleOf(properties[ends[0]!], ends[0]!);
    const last = titleOf(properties[ends[ends.length - 1]!], ends[ends.length - 1]!);
    sections.push({
      key: `f-${run[0]}`,
      title: first === last ? first : `${first} – ${last}`,
      fields: run,
    });
    run = [];
  };
  for (const name of fields) {
    if (isContainer(properties[name])) {
      closeRun();
      sections.push({ key: `f-${name}`, title: titleOf(properties[name], name), fields: [name] });
    } else run.push(name);
  }
  closeRun();
  return sections;
}
