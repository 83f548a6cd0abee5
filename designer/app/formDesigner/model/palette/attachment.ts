import { isObject } from '../immutable.js';
import { labelFrom, titled, type FieldPaletteItem } from './PaletteItem.js';

/**
 * Attachments as the consultation request records them (附件): a list of named documents, each
 * with an optional note. Uploading and storing files is the engine's, which has no file store
 * yet: the form records what is attached.
 */
export const attachment: FieldPaletteItem = {
  kind: 'attachment',
  label: { zh: '附件', en: 'Attachment' },
  hint: { zh: '附件清单：名称和说明', en: 'Attached documents: name and note' },
  properties: ['label', 'help', 'required', 'range', 'locked', 'visibility'],
  inRepeatingGroup: false,
  create(context) {
    const name = context.freeName(context.options.name ?? 'attachments');
    const label = labelFrom(context, { zh: '附件', en: 'Attachments' });
    return {
      fields: [
        {
          name,
          schema: {
            type: 'array',
            ...titled(label),
            maxItems: 20,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name'],
              properties: {
                name: {
                  type: 'string',
                  ...titled({ zh: '附件名称', en: 'Attachment name' }),
                  minLength: 1,
                  maxLength: 200,
                },
                note: {
                  type: 'string',
                  ...titled({ zh: '说明', en: 'Note' }),
                  maxLength: 500,
                },
              },
            },
          },
        },
      ],
    };
  },
  matches: (schema) =>
    schema.type === 'array' &&
    isObject(schema.items) &&
    isObject(schema.items.properties) &&
    Object.keys(schema.items.properties).every((k) => ['name', 'note', 'kind'].includes(k)) &&
    'name' in schema.items.properties,
};
