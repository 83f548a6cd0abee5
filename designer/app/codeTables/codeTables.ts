import type { CodeTable, FormDefinition, Operation, Overlay } from '@formwork/definitions';

/**
 * The 代码表 screen's parts without Vue or I/O: where each code table is used (every form field
 * whose schema names it in `x-code-table`, nested objects and array items walked), what a person
 * can get wrong while writing a table (the id, empty labels, a code listed twice), and how a
 * change goes into a draft — a spec draft's `codeTables`, or an overlay's operations: a table the
 * overlay adds is its `add-code-table` operation, a national table is only extended by
 * `add-options`. Whether the change is allowed (the base's locks, codes stored data uses) is the
 * engine's to say on saving.
 */

type Lang = { zh: string; en: string };
type Op<K extends Operation['op']> = Extract<Operation, { op: K }>;

/** One form field that takes its options from a table. */
export interface CodeTableUsage {
  form: string;
  formTitle: Lang;
  /** The field's data pointer (`/smoking/amount`). */
  path: string;
  label: Lang;
}

interface SchemaNode {
  title?: unknown;
  'x-title-en'?: unknown;
  'x-code-table'?: unknown;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  [keyword: string]: unknown;
}

const isNode = (value: unknown): value is SchemaNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The field's label: its title and English title, else its name. */
function labelOf(node: SchemaNode, name: string): Lang {
  const zh = typeof node.title === 'string' && node.title ? node.title : name;
  const en = typeof node['x-title-en'] === 'string' && node['x-title-en'] ? node['x-title-en'] : zh;
  return { zh, en };
}

/**
 * Every field of `forms` using a code table, by table id, in the forms' order. A multiple choice
 * (an array whose items name the table) is listed as the array field.
 */
export function codeTableUsages(
  forms: Record<string, FormDefinition>,
): Record<string, CodeTableUsage[]> {
  const usages: Record<string, CodeTableUsage[]> = {};
  const note = (id: unknown, usage: CodeTableUsage) => {
    if (typeof id !== 'string' || !id) return;
    const list = (usages[id] ??= []);
    if (!list.some((u) => u.form === usage.form && u.path === usage.path)) list.push(usage);
  };
  for (const [key, form] of Object.entries(forms)) {
    const formTitle = form.title ?? { zh: key, en: key };
    const visit = (node: SchemaNode, path: string, label: Lang) => {
      const usage = { form: key, formTitle, path, label };
      note(node['x-code-table'], usage);
      if (isNode(node.items)) {
        note(node.items['x-code-table'], usage);
        // An array of objects (a repeating group): its fields under the array's pointer.
        for (const [name, child] of Object.entries(node.items.properties ?? {}))
          if (isNode(child)) visit(child, `${path}/${name}`, labelOf(child, name));
      }
      for (const [name, child] of Object.entries(node.properties ?? {}))
        if (isNode(child)) visit(child, `${path}/${name}`, labelOf(child, name));
    };
    if (isNode(form.schema)) visit(form.schema as SchemaNode, '', formTitle);
  }
  return usages;
}

/** A table as the dialog edits it: texts as typed. */
export interface TableDraft {
  id: string;
  title: Lang;
  codes: { code: string; label: Lang }[];
}

/** What the page refuses before asking the engine: a message key and its values. */
export interface TableProblem {
  key: 'id' | 'idTaken' | 'title' | 'noCodes' | 'codeEmpty' | 'codeTooLong' | 'label' | 'duplicate';
  values?: Record<string, string | number>;
}

/** A new table's id: a lower-case letter, then lower-case letters, digits or `-` (2–64 long). */
export const TABLE_ID = /^[a-z][a-z0-9-]{1,63}$/;

/**
 * The problems of `draft` a person can fix in the dialog: the id (a new table's: its pattern, not
 * taken by `existing`), both title texts, at least one code, each code present (at most 32
 * characters, as the meta-schema says) and listed once, both labels of each code.
 */
export function tableProblems(
  draft: TableDraft,
  options: { isNew: boolean; existing: readonly string[] },
): TableProblem[] {
  const problems: TableProblem[] = [];
  const id = draft.id.trim();
  if (options.isNew) {
    if (!TABLE_ID.test(id)) problems.push({ key: 'id' });
    else if (options.existing.includes(id)) problems.push({ key: 'idTaken', values: { id } });
  }
  if (!draft.title.zh.trim() || !draft.title.en.trim()) problems.push({ key: 'title' });
  if (!draft.codes.length) problems.push({ key: 'noCodes' });
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  draft.codes.forEach((c, i) => {
    const code = c.code.trim();
    const row = i + 1;
    if (!code) problems.push({ key: 'codeEmpty', values: { row } });
    else if (code.length > 32) problems.push({ key: 'codeTooLong', values: { row } });
    else if (seen.has(code)) duplicates.add(code);
    seen.add(code);
    if (!c.label.zh.trim() || !c.label.en.trim()) problems.push({ key: 'label', values: { row } });
  });
  for (const code of duplicates) problems.push({ key: 'duplicate', values: { code } });
  return problems;
}

const trimmed = (l: Lang): Lang => ({ zh: l.zh.trim(), en: l.en.trim() });

/**
 * The code table `draft` describes. An edited table keeps its version, source and each kept
 * code's other properties (exclusive, requiresText, deprecated); a new one takes `version`.
 */
export function toCodeTable(draft: TableDraft, version: string, before?: CodeTable): CodeTable {
  const previous = new Map(before?.codes.map((c) => [c.code, c]));
  return {
    ...before,
    id: draft.id.trim(),
    version: before?.version ?? version,
    title: trimmed(draft.title),
    codes: draft.codes.map((c) => ({
      ...previous.get(c.code.trim()),
      code: c.code.trim(),
      label: trimmed(c.label),
    })) as CodeTable['codes'],
  };
}

/** A table's codes as the dialog edits them. */
export function draftOf(table: CodeTable): TableDraft {
  return {
    id: table.id,
    title: { ...table.title },
    codes: table.codes.map((c) => ({ code: c.code, label: { ...c.label } })),
  };
}

/** The ids of the tables an overlay adds itself (its add-code-table operations). */
export function overlayTableIds(overlay: Overlay): Set<string> {
  return new Set(
    overlay.operations.flatMap((op) =>
      op.op === 'add-code-table' && typeof op.codeTable.id === 'string' ? [op.codeTable.id] : [],
    ),
  );
}

/** The codes an overlay adds to tables it does not own (its add-options operations), by table. */
export function overlayAddedOptions(overlay: Overlay): Record<string, string[]> {
  const added: Record<string, string[]> = {};
  for (const op of overlay.operations)
    if (op.op === 'add-options') (added[op.codeTable] ??= []).push(...op.codes.map((c) => c.code));
  return added;
}

/**
 * The overlay with `table` as the one its add-code-table operation adds: that operation's table
 * replaced in place (the forms after it pick it), or a new operation at the end.
 */
export function withOverlayTable(overlay: Overlay, table: CodeTable): Overlay {
  const operations = [...overlay.operations];
  const op: Op<'add-code-table'> = { op: 'add-code-table', codeTable: table as never };
  const at = operations.findIndex((o) => o.op === 'add-code-table' && o.codeTable.id === table.id);
  if (at >= 0) operations.splice(at, 1, op);
  else operations.push(op);
  return { ...overlay, operations };
}

/**
 * The overlay extending the base's table `id` with `codes`: appended to the overlay's add-options
 * operation for that table when it has one, else a new add-options operation at the end.
 */
export function withAddedOptions(
  overlay: Overlay,
  id: string,
  codes: readonly { code: string; label: Lang }[],
): Overlay {
  const added = codes.map((c) => ({ code: c.code.trim(), label: trimmed(c.label) }));
  if (!added.length) return overlay;
  const operations = [...overlay.operations];
  const at = operations.findIndex((o) => o.op === 'add-options' && o.codeTable === id);
  if (at >= 0) {
    const existing = operations[at] as Op<'add-options'>;
    operations[at] = {
      ...existing,
      codes: [...existing.codes, ...added] as Op<'add-options'>['codes'],
    };
  } else {
    operations.push({
      op: 'add-options',
      codeTable: id,
      codes: added as Op<'add-options'>['codes'],
    });
  }
  return { ...overlay, operations };
}
