import type { FormRule } from '@formwork/definitions';
import { fail, problem } from '../DesignProblem.js';
import { requireContainer, fieldNames, type Container } from '../fields.js';
import type { FormDocument } from '../FormDocument.js';
import { assign, deepFreeze, updateIn } from '../immutable.js';
import { sectionsOf, showAt, looseFields, writeSections, type Place } from '../layout.js';
import {
  paletteItem,
  type CreateContext,
  type Creation,
  type FieldPaletteItem,
  type PaletteKind,
  type PaletteOptions,
} from '../palette/index.js';
import { toPointer } from '../pointer.js';
import { assertFieldName, freeFrom } from './names.js';
import { setProperty, setRequired } from './schemaEdits.js';

/** What adding an item did: the new document and the paths of the fields it created. */
export interface Added {
  document: FormDocument;
  fields: string[];
}

function fieldItem(kind: PaletteKind): FieldPaletteItem {
  const item = paletteItem(kind);
  if (!item || item.kind === 'section')
    fail(
      'invalid',
      problem('kind-unknown', '', `调色板中没有 "${kind}"`, `the palette has no "${kind}"`),
    );
  return item as FieldPaletteItem;
}

/**
 * Adds a palette item at a place: its field(s) into the container (shown at the section and
 * index given), the rules it brings (the blood-pressure pair's) and the code tables it creates
 * (a choice without a table chosen). A section is added to the form's sections instead. One
 * command, so one undo step.
 */
export function addFromPalette(
  document: FormDocument,
  kind: PaletteKind,
  place: Place,
  options: PaletteOptions = {},
): Added {
  if (kind === 'section') return { document: addSection(document, place, options), fields: [] };
  const definition = document.definition;
  const container = requireContainer(definition, place.container);
  const item = fieldItem(kind);
  if (container.inArray && !item.inRepeatingGroup) {
    fail(
      'invalid',
      problem(
        'placement-invalid',
        place.container,
        `“${item.label.zh}”不能放在重复组中（重复组内不支持显示条件、计算和跨字段规则）`,
        `a ${item.label.en} cannot be placed in a repeating group (no visibility, calculation or cross-field rule inside one)`,
      ),
    );
  }
  if (options.name !== undefined) {
    assertFieldName(options.name, place.container);
    if (fieldNames(definition, container).includes(options.name))
      fail(
        'conflict',
        problem(
          'field-exists',
          toPointer([...container.segments, options.name]),
          `字段 ${options.name} 已存在`,
          `field ${options.name} already exists`,
        ),
      );
  }
  const creation = create(document, item, container, options);
  let next = definition;
  let index = place.index;
  const paths: string[] = [];
  for (const field of creation.fields) {
    next = setProperty(next, container, field.name, deepFreeze(field.schema));
    if (field.required) next = setRequired(next, container, field.name, true);
    next = showAt(next, container, { ...place, index }, field.name);
    index++;
    paths.push(toPointer([...container.segments, field.name]));
  }
  if (creation.rules?.length) {
    next = updateIn(next, ['rules'], (old) => [
      ...((old as FormRule[] | undefined) ?? []),
      ...deepFreeze(creation.rules!),
    ]);
  }
  let codeTables = document.codeTables;
  if (creation.codeTables?.length) {
    codeTables = assign(
      codeTables,
      Object.fromEntries(creation.codeTables.map((t) => [t.id, deepFreeze(t)])),
    );
  }
  return { document: Object.freeze({ ...document, definition: next, codeTables }), fields: paths };
}

function create(
  document: FormDocument,
  item: FieldPaletteItem,
  container: Container,
  options: PaletteOptions,
): Creation {
  const names = new Set(fieldNames(document.definition, container));
  const ruleIds = new Set((document.definition.rules ?? []).map((r) => r.id));
  const tableIds = new Set(Object.keys(document.codeTables));
  const context = (target: Container, opts: PaletteOptions, taken: Set<string>): CreateContext => ({
    freeName: (stem) => {
      const name = freeFrom(stem, (n) => taken.has(n));
      taken.add(name);
      return name;
    },
    freeRuleId: (stem) => {
      const id = freeFrom(stem.slice(0, 60), (n) => ruleIds.has(n));
      ruleIds.add(id);
      return id;
    },
    freeCodeTableId: (stem) => {
      const id = freeFrom(stem, (n) => tableIds.has(n));
      tableIds.add(id);
      return id;
    },
    formKey: document.definition.key,
    codeTables: document.codeTables,
    container: target,
    options: opts,
    createNested: (kind, nested, nestedOptions) => {
      const nestedItem = fieldItem(kind);
      if (!nestedItem.inRepeatingGroup)
        fail(
          'invalid',
          problem(
            'placement-invalid',
            nested.path,
            `“${nestedItem.label.zh}”不能放在重复组中`,
            `a ${nestedItem.label.en} cannot be placed in a repeating group`,
          ),
        );
      if (nestedOptions.name !== undefined) assertFieldName(nestedOptions.name, nested.path);
      return nestedItem.create(context(nested, nestedOptions, new Set()));
    },
  });
  return item.create(context(container, options, names));
}

/** Adds an empty section (a card) at `place.section ?? place.index` among the form's sections. */
function addSection(document: FormDocument, place: Place, options: PaletteOptions): FormDocument {
  if (place.container !== '')
    fail(
      'invalid',
      problem(
        'placement-invalid',
        place.container,
        '分节只能放在表单顶层',
        'a section can only be placed at the top level of the form',
      ),
    );
  const definition = document.definition;
  const sections = sectionsOf(definition);
  const at = Math.max(0, Math.min(place.section ?? place.index, sections.length));
  sections.splice(at, 0, {
    title: options.label ?? { zh: '新分节', en: 'New section' },
    fields: [],
  });
  return Object.freeze({
    ...document,
    definition: writeSections(definition, sections, looseFields(definition)),
  });
}
