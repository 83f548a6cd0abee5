/**
 * Test helpers: real forms and code tables of the national seed (tests only). Imported as JSON,
 * not read with node:fs, so the designer app's browser tsconfig type-checks this file too.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Form from '@rjsf/core';
import type { CodeTable, CompiledForm, FormDefinition, Locale } from '@formwork/definitions';
import { createFormworkValidator } from '@formwork/runtime/renderer/validator/formworkValidator.js';
import hypertensionFollowupForm from '../../../../../seed/national-phs/3.0.1/forms/hypertension-followup.json' with { type: 'json' };
import diabetesFollowupForm from '../../../../../seed/national-phs/3.0.1/forms/diabetes-followup.json' with { type: 'json' };
import prenatalFirstForm from '../../../../../seed/national-phs/3.0.1/forms/prenatal-first.json' with { type: 'json' };
import residentBasicInfoForm from '../../../../../seed/national-phs/3.0.1/forms/resident-basic-info.json' with { type: 'json' };
import adverseReactionTable from '../../../../../seed/national-phs/3.0.1/code-tables/adverse-reaction.json' with { type: 'json' };
import complianceTable from '../../../../../seed/national-phs/3.0.1/code-tables/compliance.json' with { type: 'json' };
import followupStatusTable from '../../../../../seed/national-phs/3.0.1/code-tables/followup-status.json' with { type: 'json' };
import hypertensionSymptomTable from '../../../../../seed/national-phs/3.0.1/code-tables/hypertension-symptom.json' with { type: 'json' };
import hypertensionUrgentSignTable from '../../../../../seed/national-phs/3.0.1/code-tables/hypertension-urgent-sign.json' with { type: 'json' };
import medicationAdherenceTable from '../../../../../seed/national-phs/3.0.1/code-tables/medication-adherence.json' with { type: 'json' };
import nextManagementStepTable from '../../../../../seed/national-phs/3.0.1/code-tables/next-management-step.json' with { type: 'json' };
import psychologicalAdjustmentTable from '../../../../../seed/national-phs/3.0.1/code-tables/psychological-adjustment.json' with { type: 'json' };
import referralOutcomeTable from '../../../../../seed/national-phs/3.0.1/code-tables/referral-outcome.json' with { type: 'json' };
import saltIntakeTable from '../../../../../seed/national-phs/3.0.1/code-tables/salt-intake.json' with { type: 'json' };
import visitClassificationTable from '../../../../../seed/national-phs/3.0.1/code-tables/visit-classification.json' with { type: 'json' };
import visitModeTable from '../../../../../seed/national-phs/3.0.1/code-tables/visit-mode.json' with { type: 'json' };

const FORMS: Record<string, unknown> = {
  'hypertension-followup': hypertensionFollowupForm,
  'diabetes-followup': diabetesFollowupForm,
  'prenatal-first': prenatalFirstForm,
  'resident-basic-info': residentBasicInfoForm,
};
const TABLES: unknown[] = [
  adverseReactionTable,
  complianceTable,
  followupStatusTable,
  hypertensionSymptomTable,
  hypertensionUrgentSignTable,
  medicationAdherenceTable,
  nextManagementStepTable,
  psychologicalAdjustmentTable,
  referralOutcomeTable,
  saltIntakeTable,
  visitClassificationTable,
  visitModeTable,
];

/** A seed form (a fresh copy). */
export function seedForm(key: string): FormDefinition {
  const form = FORMS[key];
  if (!form) throw new Error(`no seed form ${key} in the test helpers`);
  return structuredClone(form) as FormDefinition;
}

/** The code tables of the national hypertension follow-up (fresh copies), by id. */
export function seedCodeTables(): Record<string, CodeTable> {
  return Object.fromEntries(
    TABLES.map((t) => structuredClone(t) as CodeTable).map((table) => [table.id, table]),
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
