import type { CodeTable, FormDefinition, Overlay } from '@formwork/definitions';

/**
 * A province's overlay as the form designer edits it, without I/O: its own forms are those its
 * `add-form` operations add; saving one replaces that operation (or appends one for a new form)
 * and adds an `add-code-table` operation for each table the designer created. The base's tables
 * are never replaced.
 */

/** The forms an overlay adds (its add-form operations' definitions), by key. */
export function overlayForms(overlay: Overlay): Record<string, FormDefinition> {
  const forms: Record<string, FormDefinition> = {};
  for (const op of overlay.operations)
    if (op.op === 'add-form' && typeof op.definition.key === 'string')
      forms[op.definition.key] = op.definition as unknown as FormDefinition;
  return forms;
}

/**
 * The overlay with `definition` as the form its add-form operation adds (the operation replaced
 * in place, or appended for a new form) and an add-code-table operation for each of `codeTables`
 * that neither the effective spec (`known`) nor the overlay has yet.
 */
export function withOverlayForm(
  overlay: Overlay,
  definition: FormDefinition,
  codeTables: Record<string, CodeTable>,
  known: Record<string, CodeTable>,
): Overlay {
  const operations = [...overlay.operations];
  const added = new Set(
    operations.flatMap((op) =>
      op.op === 'add-code-table' && typeof op.codeTable.id === 'string' ? [op.codeTable.id] : [],
    ),
  );
  const newTables = Object.values(codeTables).filter(
    (table) => !Object.hasOwn(known, table.id) && !added.has(table.id),
  );
  const at = operations.findIndex(
    (op) => op.op === 'add-form' && op.definition.key === definition.key,
  );
  const formOp = { op: 'add-form' as const, definition: definition as never };
  const tableOps = newTables.map((table) => ({
    op: 'add-code-table' as const,
    codeTable: table as never,
  }));
  if (at >= 0) {
    // The tables go before the form that picks them, as the engine applies in order.
    operations.splice(at, 1, ...tableOps, formOp);
  } else {
    operations.push(...tableOps, formOp);
  }
  return { ...overlay, operations };
}
