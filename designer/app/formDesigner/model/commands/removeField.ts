import type { FormRule } from '@formwork/definitions';
import { requireField } from '../fields.js';
import type { FormDocument } from '../FormDocument.js';
import { updateIn } from '../immutable.js';
import { unshow } from '../layout.js';
import { assertUnlocked } from '../locks.js';
import { setProperty, setRequired } from './schemaEdits.js';

const within = (path: string, field: string) => path === field || path.startsWith(`${field}/`);

/**
 * Removes a field (with what it holds, for a group), its UI schema, its place in the layout and
 * the cross-field rules reported on it. Refused for a field the base locks. Rules elsewhere that
 * read it stay, and lint says they read a field that no longer exists.
 */
export function removeField(document: FormDocument, path: string): FormDocument {
  const field = requireField(document.definition, path);
  assertUnlocked(document, field, { zh: '删除', en: 'removed' });
  let next = setProperty(document.definition, field.container, field.name, undefined);
  next = setRequired(next, field.container, field.name, false);
  next = unshow(next, field.container, field.name);
  if ((next.rules ?? []).some((r) => within(r.path, path))) {
    next = updateIn(next, ['rules'], (old) =>
      (old as FormRule[]).filter((r) => !within(r.path, path)),
    );
  }
  return Object.freeze({ ...document, definition: next });
}
