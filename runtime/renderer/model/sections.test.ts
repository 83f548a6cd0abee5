import { describe, expect, it } from 'vitest';
import { sectionsOf } from './sections.js';

const field = (title: string, extra: Record<string, unknown> = {}) => ({
  type: 'string',
  title,
  ...extra,
});

const schema = {
  type: 'object',
  properties: {
    visitDate: field('随访日期'),
    classification: field('此次随访分类'),
    overrideReason: field('分类依据说明', { 'x-visible': { '==': [{ var: 'a' }, 1] } }),
    medications: { type: 'array', title: '用药情况', items: { type: 'object', properties: {} } },
    referral: { type: 'object', title: '转诊', properties: {} },
    signature: field('随访医生签名'),
  },
};

describe('the cards of a form', () => {
  it('given no ui:sections, then each group is a card and the fields between groups one card titled by its first and last field always shown', () => {
    expect(sectionsOf(schema, {}, 'zh').map((s) => [s.title, s.fields])).toEqual([
      ['随访日期 – 此次随访分类', ['visitDate', 'classification', 'overrideReason']],
      ['用药情况', ['medications']],
      ['转诊', ['referral']],
      ['随访医生签名', ['signature']],
    ]);
  });

  it('given ui:sections, then the cards are those, in the chosen language, and the fields no card names follow in a last one', () => {
    const uiSchema = {
      'ui:sections': [
        { title: { zh: '基本', en: 'Basics' }, fields: ['visitDate', 'signature'] },
        { title: { zh: '用药', en: 'Medication' }, fields: ['medications'] },
      ],
    };
    expect(sectionsOf(schema, uiSchema, 'en').map((s) => [s.title, s.fields])).toEqual([
      ['Basics', ['visitDate', 'signature']],
      ['Medication', ['medications']],
      ['Other', ['classification', 'overrideReason', 'referral']],
    ]);
  });
});
