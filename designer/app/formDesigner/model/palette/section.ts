import type { SectionPaletteItem } from './PaletteItem.js';

/** A card of the form (`ui:sections`): a titled run of top-level fields; no data of its own. */
export const section: SectionPaletteItem = {
  kind: 'section',
  label: { zh: '分节', en: 'Section' },
  hint: { zh: '把若干字段放在一张卡片中', en: 'A titled card holding fields' },
};
