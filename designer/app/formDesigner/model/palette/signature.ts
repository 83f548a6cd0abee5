import { labelFrom, titled, type FieldPaletteItem } from './PaletteItem.js';

/**
 * A signature as the national forms record it (随访医生签名): the signer's name, written by
 * them. A drawn or CA signature needs a renderer widget and the signing plugin, which do not
 * exist yet; the field's data stays a name either way.
 */
export const signature: FieldPaletteItem = {
  kind: 'signature',
  label: { zh: '签名', en: 'Signature' },
  hint: { zh: '签名人姓名', en: "The signer's name" },
  properties: ['label', 'help', 'required', 'dataElement', 'locked', 'visibility'],
  inRepeatingGroup: true,
  create(context) {
    const name = context.freeName(context.options.name ?? 'signature');
    const label = labelFrom(context, { zh: '签名', en: 'Signature' });
    return {
      fields: [
        {
          name,
          schema: { type: 'string', ...titled(label), minLength: 1, maxLength: 50 },
        },
      ],
    };
  },
  matches: (schema, name) =>
    schema.type === 'string' &&
    (/signature$/i.test(name) ||
      (typeof schema.title === 'string' && schema.title.endsWith('签名'))),
};
