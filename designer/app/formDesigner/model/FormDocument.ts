import type { CodeTable, FormDefinition } from '@formwork/definitions';
import { deepFreeze } from './immutable.js';

export type CodeTables = Readonly<Record<string, CodeTable>>;

/**
 * The form a base (the national spec, for a province's form) publishes: its fields marked
 * `x-locked` keep their meaning here. `name` is how messages call it (`national-phs@3.0.1`).
 */
export interface DesignBase {
  readonly name: string;
  readonly definition: FormDefinition;
}

/**
 * A form being designed: the FormDefinition as `definitions` reads it (schema, UI schema,
 * rules; visibility and calculations live on the fields as `x-visible` / `x-calculated`), the
 * code tables it may use (the spec's and those created in the designer) and, when it derives
 * from a base, that base (whose locks it honours). Immutable: every command returns a new
 * document sharing what it did not change.
 */
export interface FormDocument {
  readonly definition: Readonly<FormDefinition>;
  readonly codeTables: CodeTables;
  readonly base?: DesignBase;
}

export interface CreateDocumentOptions {
  codeTables?: CodeTables;
  base?: DesignBase;
}

/** A document over a definition (frozen, like everything a document holds). */
export function createDocument(
  definition: FormDefinition,
  options: CreateDocumentOptions = {},
): FormDocument {
  return deepFreeze({
    definition: structuredClone(definition),
    codeTables: structuredClone(options.codeTables ?? {}),
    ...(options.base ? { base: structuredClone(options.base) } : {}),
  });
}

/** A new, empty form: one object with no fields. */
export function emptyDocument(
  key: string,
  title: { zh: string; en: string },
  options: CreateDocumentOptions = {},
): FormDocument {
  return createDocument(
    {
      key,
      version: '1.0.0',
      title,
      schema: { type: 'object', additionalProperties: false, properties: {} },
      uiSchema: { 'ui:order': ['*'] },
      rules: [],
    },
    options,
  );
}

/** The document with another definition (already frozen, sharing structure). */
export const withDefinition = (
  document: FormDocument,
  definition: Readonly<FormDefinition>,
): FormDocument => Object.freeze({ ...document, definition });
