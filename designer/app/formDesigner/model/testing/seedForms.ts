/** Test helpers: real forms and code tables of the national seed, read from seed/ (tests only). */
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Form from '@rjsf/core';
import type { CodeTable, CompiledForm, FormDefinition, Locale } from '@formwork/definitions';
import { createFormworkValidator } from '@formwork/runtime/renderer/validator/formworkValidator.js';

const SEED = path.resolve(import.meta.dirname, '../../../../../seed/national-phs/3.0.1');

export function seedForm(key: string): FormDefinition {
  return JSON.parse(fs.readFileSync(path.join(SEED, 'forms', `${key}.json`), 'utf8'));
}

export function seedCodeTables(): Record<string, CodeTable> {
  const dir = path.join(SEED, 'code-tables');
  return Object.fromEntries(
    fs.readdirSync(dir).map((f) => {
      const table = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as CodeTable;
      return [table.id, table];
    }),
  );
}

/**
 * The compiled form drawn by @rjsf/core (server-side, no browser) with the renderer's own
 * validator (the compiled form's `process`): the HTML, for checking what staff would see.
 */
export function renderedHtml(compiled: CompiledForm, locale: Locale, data: object = {}): string {
  const { schema, uiSchema } = compiled.render(locale);
  type Data = Record<string, unknown>;
  return renderToStaticMarkup(
    createElement(Form<Data>, {
      schema,
      uiSchema,
      formData: data as Data,
      validator: createFormworkValidator(compiled, { locale }),
    }),
  );
}
