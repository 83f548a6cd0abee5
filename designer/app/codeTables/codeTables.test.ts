import {
  applyOverlay,
  type CodeTable,
  type FormDefinition,
  type Overlay,
} from '@formwork/definitions';
import { describe, expect, it } from 'vitest';
import {
  codeTableUsages,
  draftOf,
  overlayAddedOptions,
  overlayTableIds,
  tableProblems,
  toCodeTable,
  withAddedOptions,
  withOverlayTable,
  type TableDraft,
} from './codeTables.js';

const visit: FormDefinition = {
  key: 'visit',
  version: '1.0.0',
  title: { zh: '随访', en: 'Visit' },
  schema: {
    type: 'object',
    properties: {
      smokes: { type: 'string', title: '吸烟', 'x-title-en': 'Smokes', 'x-code-table': 'yes-no' },
      symptoms: {
        type: 'array',
        title: '症状',
        'x-title-en': 'Symptoms',
        items: { type: 'string', 'x-code-table': 'symptom' },
      },
      lifestyle: {
        type: 'object',
        title: '生活方式',
        properties: {
          salt: { type: 'string', title: '摄盐', 'x-code-table': 'salt' },
        },
      },
      drugs: {
        type: 'array',
        title: '用药',
        items: {
          type: 'object',
          properties: {
            taken: {
              type: 'string',
              title: '服药',
              'x-title-en': 'Taken',
              'x-code-table': 'yes-no',
            },
          },
        },
      },
      note: { type: 'string', title: '备注' },
    },
  },
};

const intake: FormDefinition = {
  key: 'intake',
  version: '1.0.0',
  title: { zh: '建档', en: 'Intake' },
  schema: {
    type: 'object',
    properties: { smoker: { type: 'string', 'x-code-table': 'yes-no' } },
  },
};

const yesNo: CodeTable = {
  id: 'yes-no',
  version: '1.0.0',
  title: { zh: '是否', en: 'Yes/no' },
  codes: [
    { code: '1', label: { zh: '是', en: 'Yes' } },
    { code: '2', label: { zh: '否', en: 'No' }, exclusive: true },
  ],
};

describe('where a code table is used', () => {
  it('given forms with code-table fields at the top, in objects, as multiple choices and in repeating groups, when walked, then each table lists every field with its form and label', () => {
    const usages = codeTableUsages({ visit, intake });
    expect(usages['yes-no']).toEqual([
      {
        form: 'visit',
        formTitle: { zh: '随访', en: 'Visit' },
        path: '/smokes',
        label: { zh: '吸烟', en: 'Smokes' },
      },
      {
        form: 'visit',
        formTitle: { zh: '随访', en: 'Visit' },
        path: '/drugs/taken',
        label: { zh: '服药', en: 'Taken' },
      },
      // A field without a title is said by its name.
      {
        form: 'intake',
        formTitle: { zh: '建档', en: 'Intake' },
        path: '/smoker',
        label: { zh: 'smoker', en: 'smoker' },
      },
    ]);
    expect(usages.symptom).toEqual([
      expect.objectContaining({ path: '/symptoms', label: { zh: '症状', en: 'Symptoms' } }),
    ]);
    // No English title: the Chinese one in both languages.
    expect(usages.salt).toEqual([
      expect.objectContaining({ path: '/lifestyle/salt', label: { zh: '摄盐', en: '摄盐' } }),
    ]);
    expect(Object.keys(usages).sort()).toEqual(['salt', 'symptom', 'yes-no']);
  });

  it('given no form uses a table, when walked, then it is not listed', () => {
    expect(codeTableUsages({})).toEqual({});
  });
});

describe('what the page refuses before asking the engine', () => {
  const good: TableDraft = {
    id: 'yn-smoking',
    title: { zh: '吸烟量', en: 'Amount smoked' },
    codes: [
      { code: '1', label: { zh: '少', en: 'Little' } },
      { code: '2', label: { zh: '多', en: 'Much' } },
    ],
  };

  it('given a complete new table, when checked, then nothing is refused', () => {
    expect(tableProblems(good, { isNew: true, existing: ['yes-no'] })).toEqual([]);
  });

  it.each([
    ['an upper-case id', 'Yn-smoking'],
    ['an id starting with a digit', '1-smoking'],
    ['a one-letter id', 'y'],
    ['an id with a dot', 'yn.smoking'],
  ])('given %s, when checked, then the id is refused', (_what, id) => {
    expect(tableProblems({ ...good, id }, { isNew: true, existing: [] })).toEqual([{ key: 'id' }]);
  });

  it('given the id of a table the draft has, when checked as a new table, then it is taken; as an edit, the id is not checked', () => {
    expect(tableProblems(good, { isNew: true, existing: ['yn-smoking'] })).toEqual([
      { key: 'idTaken', values: { id: 'yn-smoking' } },
    ]);
    expect(tableProblems(good, { isNew: false, existing: ['yn-smoking'] })).toEqual([]);
  });

  it('given a code listed twice, an empty code, empty labels and no English title, when checked, then each is said with its row', () => {
    const draft: TableDraft = {
      id: 'yn-smoking',
      title: { zh: '吸烟量', en: ' ' },
      codes: [
        { code: '1', label: { zh: '少', en: 'Little' } },
        { code: ' 1 ', label: { zh: '多', en: '' } },
        { code: '', label: { zh: '无', en: 'None' } },
        { code: 'x'.repeat(33), label: { zh: '长', en: 'Long' } },
      ],
    };
    expect(tableProblems(draft, { isNew: true, existing: [] })).toEqual([
      { key: 'title' },
      { key: 'label', values: { row: 2 } },
      { key: 'codeEmpty', values: { row: 3 } },
      { key: 'codeTooLong', values: { row: 4 } },
      { key: 'duplicate', values: { code: '1' } },
    ]);
  });

  it('given no code, when checked, then the table is refused', () => {
    expect(tableProblems({ ...good, codes: [] }, { isNew: false, existing: [] })).toEqual([
      { key: 'noCodes' },
    ]);
  });
});

describe('the table written into the draft', () => {
  it('given an edited table, when written, then it keeps its version, source and the other properties of each kept code, with the texts trimmed', () => {
    const draft = draftOf({ ...yesNo, source: 'GB/T' });
    draft.codes[1]!.label.zh = ' 不是 ';
    draft.codes.push({ code: '9', label: { zh: '不详', en: 'Unknown' } });
    expect(toCodeTable(draft, '2.0.0', { ...yesNo, source: 'GB/T' })).toEqual({
      ...yesNo,
      source: 'GB/T',
      codes: [
        yesNo.codes[0],
        { code: '2', label: { zh: '不是', en: 'No' }, exclusive: true },
        { code: '9', label: { zh: '不详', en: 'Unknown' } },
      ],
    });
  });

  it('given a new table, when written, then it takes the draft’s version', () => {
    expect(toCodeTable({ id: ' t-1 ', title: { zh: '表', en: 'T' }, codes: [] }, '1.3.0')).toEqual({
      id: 't-1',
      version: '1.3.0',
      title: { zh: '表', en: 'T' },
      codes: [],
    });
  });
});

describe('code tables in an overlay', () => {
  const overlay: Overlay = {
    key: 'yunnan',
    version: '1.3.0',
    base: { spec: 'base', version: '1.0.0' },
    jurisdiction: { code: '530000', name: { zh: '云南省', en: 'Yunnan' } },
    operations: [
      { op: 'make-required', form: 'visit', path: '/smokes' },
      { op: 'add-code-table', codeTable: { ...yesNo, id: 'yn-levels' } },
    ],
  } as Overlay;

  async function applied(o: Overlay) {
    const base = {
      spec: 'base',
      version: '1.0.0',
      forms: {},
      codeTables: { 'yes-no': yesNo },
      parameters: { version: '1.0.0', parameters: [] },
      workflows: {},
    };
    return applyOverlay(base as never, o);
  }

  it('given an overlay, when read, then the tables it adds and the options it adds to the base’s are known', () => {
    const extended = withAddedOptions(overlay, 'yes-no', [
      { code: '9', label: { zh: '不详', en: 'Unknown' } },
    ]);
    expect([...overlayTableIds(extended)]).toEqual(['yn-levels']);
    expect(overlayAddedOptions(extended)).toEqual({ 'yes-no': ['9'] });
  });

  it('given a table the overlay adds, when edited, then its add-code-table operation is replaced in place; a new table is appended', async () => {
    const edited = { ...yesNo, id: 'yn-levels', title: { zh: '等级', en: 'Levels' } };
    const once = withOverlayTable(overlay, edited);
    expect(once.operations).toHaveLength(2);
    expect(once.operations[1]).toEqual({ op: 'add-code-table', codeTable: edited });
    const twice = withOverlayTable(once, { ...yesNo, id: 'yn-new' });
    expect(twice.operations.map((o) => o.op)).toEqual([
      'make-required',
      'add-code-table',
      'add-code-table',
    ]);
    const { spec, problems } = await applied({ ...twice, operations: twice.operations.slice(1) });
    expect(problems).toEqual([]);
    expect(spec.codeTables['yn-levels']?.title.en).toBe('Levels');
  });

  it('given new options for a national table, when added twice, then one add-options operation holds them and the engine’s applyOverlay adds them', async () => {
    const once = withAddedOptions(overlay, 'yes-no', [
      { code: '8', label: { zh: ' 拒答 ', en: 'Declined' } },
    ]);
    const twice = withAddedOptions(once, 'yes-no', [
      { code: '9', label: { zh: '不详', en: 'Unknown' } },
    ]);
    expect(twice.operations.filter((o) => o.op === 'add-options')).toEqual([
      {
        op: 'add-options',
        codeTable: 'yes-no',
        codes: [
          { code: '8', label: { zh: '拒答', en: 'Declined' } },
          { code: '9', label: { zh: '不详', en: 'Unknown' } },
        ],
      },
    ]);
    const { spec, problems } = await applied({ ...twice, operations: twice.operations.slice(1) });
    expect(problems).toEqual([]);
    expect(spec.codeTables['yes-no']?.codes.map((c) => c.code)).toEqual(['1', '2', '8', '9']);
    expect(withAddedOptions(overlay, 'yes-no', [])).toBe(overlay);
  });
});
