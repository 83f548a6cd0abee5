/**
 * The real provincial overlays (Fujian, Yunnan) applied by `applyOverlay` to the national base
 * they name: no problems, every effective form compiles, and the effective spec differs from the
 * base field by field exactly as each overlay says, and nowhere else.
 */
import { describe, expect, it } from 'vitest';
import { applyOverlay, fieldPaths, FormCompiler } from '@formwork/definitions';
import { readBaseSpec, readOverlay } from '../lib/readSpec.js';

type Schema = Record<string, unknown>;

/** Every `required` entry of a schema as the field pointer it makes required. */
function requiredPaths(schema: Schema, at = ''): string[] {
  const own = Array.isArray(schema.required)
    ? (schema.required as string[]).map((n) => `${at}/${n}`)
    : [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  return [
    ...own,
    ...Object.entries(properties).flatMap(([n, child]) => requiredPaths(child, `${at}/${n}`)),
  ];
}

const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));

/** Fujian's hypertension follow-up rows: in 1.0.0 only; the printed base 3.0.1 has them itself. */
const FUJIAN_HYPERTENSION_ROWS = [
  '/medicationAdjustment',
  '/referral/contactName',
  '/referral/contactPhone',
  '/referral/outcome',
  '/nextManagementStep',
  '/residentSignature',
];

const EXPECTED = {
  fujian: {
    added: {
      'diabetes-followup': [
        '/footExam',
        '/footExamFindings',
        '/hba1cNextDate',
        '/fundusExam',
        '/fundusExamDate',
        '/complicationScreening',
      ],
      'hypertension-followup': FUJIAN_HYPERTENSION_ROWS,
    } as Record<string, string[]>,
    /** Per version: forms no longer touched, and fields newly required beyond `required`. */
    byVersion: {
      '1.2.0': { without: ['hypertension-followup'], required: {} },
    } as Record<string, { without: string[]; required: Record<string, string[]> }>,
    required: { 'diabetes-followup': ['/footExamFindings'] } as Record<string, string[]>,
    requiredAfter: { 'diabetes-followup': ['/footExamFindings'] } as Record<string, string[]>,
    /** The parameters the overlay sets, by version (1.2.0 no longer restates national rules). */
    parameters: {
      '1.0.0': { postpartumVisitWindowDays: 28 },
      '1.2.0': {},
    } as Record<string, Record<string, unknown>>,
  },
  yunnan: {
    added: { 'prenatal-followup': ['/riskColour'] } as Record<string, string[]>,
    // prenatal-first: 3.0.0 already requires riskColour, so make-required changes nothing there;
    // the printed base 3.0.1 leaves it optional, and Yunnan's make-required is what requires it.
    byVersion: {
      '1.2.0': { without: [], required: { 'prenatal-first': ['/riskColour'] } },
    } as Record<string, { without: string[]; required: Record<string, string[]> }>,
    required: { 'prenatal-followup': ['/riskColour'] } as Record<string, string[]>,
    requiredAfter: {
      'prenatal-first': ['/riskColour'],
      'prenatal-followup': ['/riskColour'],
    } as Record<string, string[]>,
    parameters: {
      '1.0.0': { bpTargetSystolicElderly: 150, reminderDueSoonDays: 7 },
      '1.2.0': { reminderDueSoonDays: 7 },
    } as Record<string, Record<string, unknown>>,
  },
};

describe.each([
  ['fujian', '1.0.0'],
  ['fujian', '1.2.0'],
  ['yunnan', '1.0.0'],
  ['yunnan', '1.2.0'],
] as const)('overlay %s %s applied to its base', (key, version) => {
  const overlay = readOverlay(key, version);
  const base = readBaseSpec(overlay.base.spec, overlay.base.version);
  const frozen = structuredClone(base);
  const { byVersion, ...all } = EXPECTED[key];
  const { without, required } = byVersion[version] ?? { without: [], required: {} };
  const expected = {
    ...all,
    added: Object.fromEntries(
      Object.entries(all.added).filter(([form]) => !without.includes(form)),
    ),
    required: { ...all.required, ...required },
  };
  const result = applyOverlay(base, overlay);

  it('given the overlay, when applied, then there are no problems and the base is unchanged', async () => {
    expect((await result).problems).toEqual([]);
    expect(base).toEqual(frozen);
  });

  it('given the effective spec, then every form compiles', async () => {
    const { spec } = await result;
    const compiler = new FormCompiler({ codeTables: spec.codeTables });
    for (const [name, form] of Object.entries(spec.forms))
      expect(() => compiler.compile(form), name).not.toThrow();
  });

  it('given each form, then the fields added are exactly the expected ones and none removed', async () => {
    const { spec } = await result;
    expect(Object.keys(spec.forms)).toEqual(Object.keys(base.forms));
    for (const [name, form] of Object.entries(spec.forms)) {
      const before = fieldPaths(base.forms[name]!.schema);
      const after = fieldPaths(form.schema);
      expect(minus(after, before), `${name}: added`).toEqual(expected.added[name] ?? []);
      expect(minus(before, after), `${name}: removed`).toEqual([]);
    }
  });

  it('given each form, then the required fields changed exactly as listed', async () => {
    const { spec } = await result;
    for (const [name, form] of Object.entries(spec.forms)) {
      const before = requiredPaths(base.forms[name]!.schema);
      const after = requiredPaths(form.schema);
      expect(minus(after, before), `${name}: newly required`).toEqual(
        expected.required[name] ?? [],
      );
      expect(minus(before, after), `${name}: no longer required`).toEqual([]);
      for (const pointer of expected.requiredAfter[name] ?? [])
        expect(after, `${name}: required`).toContain(pointer);
    }
  });

  it('given the parameters, then the listed ones have their values and no other changed', async () => {
    const { spec } = await result;
    // Yunnan's reminderDueSoonDays = 7 equals the national default: set, yet unchanged.
    const values = new Map(spec.parameters.parameters.map((p) => [p.key, p.value]));
    const set = expected.parameters[version]!;
    for (const [name, value] of Object.entries(set)) expect(values.get(name), name).toBe(value);
    expect(spec.parameters.parameters.map((p) => p.key)).toEqual(
      base.parameters.parameters.map((p) => p.key),
    );
    for (const [i, parameter] of spec.parameters.parameters.entries())
      if (!(parameter.key in set))
        expect(parameter, parameter.key).toEqual(base.parameters.parameters[i]);
  });

  it('given the forms the overlay does not touch, code tables and workflows, then they equal the base', async () => {
    const { spec } = await result;
    const touched = new Set([...Object.keys(expected.added), ...Object.keys(expected.required)]);
    for (const [name, form] of Object.entries(spec.forms))
      if (!touched.has(name)) expect(form, name).toEqual(base.forms[name]);
    expect(spec.codeTables).toEqual(base.codeTables);
    expect(spec.workflows).toEqual(base.workflows);
  });

  it('given a touched form, then each added field sits after its named sibling', async () => {
    const { spec } = await result;
    for (const op of overlay.operations) {
      if (op.op !== 'add-field' || op.field.after === undefined) continue;
      const parent = op.path
        .split('/')
        .slice(1)
        .reduce<Schema>(
          (s, n) => (s.properties as Record<string, Schema>)[n]!,
          spec.forms[op.form]!.schema,
        );
      const keys = Object.keys(parent.properties as Schema);
      expect(keys.indexOf(op.field.name), `${op.form} ${op.field.name}`).toBe(
        keys.indexOf(op.field.after) + 1,
      );
    }
  });
});

describe.each(['fujian', 'yunnan'])('overlay %s 1.2.0 on the printed base 3.0.1', (key) => {
  it('given the effective parameters, then the province keeps every value its 1.0.0 gave on 3.0.0 (the national base now states what it restated)', async () => {
    const effective = async (version: string) => {
      const overlay = readOverlay(key, version);
      const { spec } = await applyOverlay(
        readBaseSpec(overlay.base.spec, overlay.base.version),
        overlay,
      );
      return Object.fromEntries(spec.parameters.parameters.map((p) => [p.key, p.value]));
    };
    const [before, after] = [await effective('1.0.0'), await effective('1.2.0')];
    for (const name of Object.keys(EXPECTED[key as 'fujian' | 'yunnan'].parameters['1.0.0']!))
      expect(after[name], name).toBe(before[name]);
  });
});
