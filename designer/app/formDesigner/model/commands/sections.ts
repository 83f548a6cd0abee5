import type { LocalizedText } from '@formwork/definitions';
import { fail, problem } from '../DesignProblem.js';
import type { FormDocument } from '../FormDocument.js';
import { looseFields, sectionsOf, writeSections, type Section } from '../layout.js';

function withSections(
  document: FormDocument,
  change: (sections: Section[], loose: string[]) => void,
): FormDocument {
  const sections = sectionsOf(document.definition);
  const loose = looseFields(document.definition);
  change(sections, loose);
  return Object.freeze({
    ...document,
    definition: writeSections(document.definition, sections, loose),
  });
}

const sectionAt = (sections: Section[], index: number): Section =>
  sections[index] ??
  fail(
    'not_found',
    problem(
      'section-unknown',
      '/uiSchema/ui:sections',
      `表单没有第 ${index + 1} 个分节`,
      `the form has no section ${index + 1}`,
    ),
  );

/** Renames a section (its zh/en title). */
export const renameSection = (
  document: FormDocument,
  index: number,
  title: Partial<LocalizedText>,
): FormDocument =>
  withSections(document, (sections) => {
    const section = sectionAt(sections, index);
    sections[index] = { ...section, title: { ...section.title, ...title } };
  });

/** Removes a section; its fields stay in the form, shown after the remaining sections. */
export const removeSection = (document: FormDocument, index: number): FormDocument =>
  withSections(document, (sections, loose) => {
    const [removed] = sections.splice(index, 1);
    if (!removed) sectionAt([], index);
    loose.unshift(...removed!.fields);
  });

/** Moves a section to another position among the sections. */
export const moveSection = (document: FormDocument, from: number, to: number): FormDocument =>
  withSections(document, (sections) => {
    const [moved] = sections.splice(from, 1);
    if (!moved) sectionAt([], from);
    sections.splice(Math.max(0, Math.min(to, sections.length)), 0, moved!);
  });
