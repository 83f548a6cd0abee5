/**
 * The provincial overlays (Fujian 35, Yunnan 53) checked against the national base they name,
 * before the overlay compiler exists: each must pass the overlay meta-schema, name only forms,
 * paths and parameters the base has, add only fields whose schemas compile, use only allowed
 * JsonLogic, and leave the fields the base locks alone (tightening them is allowed).
 *
 * Conventions these overlays follow (the overlay compiler should keep them):
 * - add-field `path` is the JSON pointer of the object the field is added to ('' = top level);
 *   `field.after` names a sibling in that object (a base field or one added earlier).
 * - every other `path` is the JSON pointer of an existing field ('/riskColour').
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkRule,
  FormCompiler,
  validateMetadata,
  type FormDefinition,
  type Operation,
  type Overlay,
  type ParameterSet,
} from '@formwork/definitions';
import { readCodeTables, readForms, readJsonFolder, SEED_ROOT, specDir } from '../lib/readSpec.js';

type Schema = Record<string, unknown>;

const clock = { today: () => '2026-11-23' };

function readOverlay(key: string, version: string): Overlay {
  const file = path.join(SEED_ROOT, 'overlays', key, `${version}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Overlay;
}

/** What each overlay of 1.0.0 contains, in order: op, form, target (path/name, key or code table). */
const FUJIAN_1_0_0 = [
  'add-field diabetes-followup /footExam after dorsalisPedisSide',
  'add-field diabetes-followup /footExamFindings after footExam',
  'add-field diabetes-followup /hba1cNextDate after hba1cDate',
  'add-field diabetes-followup /fundusExam after hba1cNextDate',
  'add-field diabetes-followup /fundusExamDate after fundusExam',
  'add-field diabetes-followup /complicationScreening after fundusExamDate',
  'set-parameter postpartumVisitWindowDays = 28',
  'add-field hypertension-followup /medicationAdjustment after medications',
  'add-field hypertension-followup /referral/contactName after department',
  'add-field hypertension-followup /referral/contactPhone after contactName',
  'add-field hypertension-followup /referral/outcome after contactPhone',
  'add-field hypertension-followup /nextManagementStep after urgentReferral',
  'add-field hypertension-followup /residentSignature after doctorSignature',
];
const YUNNAN_1_0_0 = [
  'set-parameter bpTargetSystolicElderly = 150',
  'make-required prenatal-first /riskColour',
  'add-field prenatal-followup /riskColour after classificationText',
  'make-required prenatal-followup /riskColour',
  'set-parameter reminderDueSoonDays = 7',
];
/**
 * The operations of each 1.0.0 gone from 1.2.0 (national-phs/3.0.1/CHANGES.md): those that only
 * restated a national rule of the printed spec, and Fujian's hypertension follow-up rows, which
 * the printed 2017 form has and the base 3.0.1 now holds itself.
 */
const RESTATED = {
  fujian: [
    'set-parameter postpartumVisitWindowDays = 28',
    ...FUJIAN_1_0_0.filter((op) => op.startsWith('add-field hypertension-followup ')),
  ],
  yunnan: ['set-parameter bpTargetSystolicElderly = 150'],
};
const without = (ops: string[], gone: string[]) => ops.filter((o) => !gone.includes(o));

const NATIONAL_300 = { spec: 'national-phs', version: '3.0.0' };
const NATIONAL_301 = { spec: 'national-phs', version: '3.0.1' };
const DEMO_300 = { spec: 'upgrade-demo', version: '3.0.0' };
const DEMO_311 = { spec: 'upgrade-demo', version: '3.1.1' };
const FUJIAN = { code: '350000', zh: '福建省' };
const YUNNAN = { code: '530000', zh: '云南省' };

/** Every overlay of the seed: where it belongs, the base it names and its operations. */
const OVERLAYS = [
  { key: 'fujian', version: '1.0.0', ...FUJIAN, base: NATIONAL_300, expected: FUJIAN_1_0_0 },
  {
    key: 'fujian',
    version: '1.2.0',
    ...FUJIAN,
    base: NATIONAL_301,
    expected: without(FUJIAN_1_0_0, RESTATED.fujian),
  },
  { key: 'yunnan', version: '1.0.0', ...YUNNAN, base: NATIONAL_300, expected: YUNNAN_1_0_0 },
  {
    key: 'yunnan',
    version: '1.2.0',
    ...YUNNAN,
    base: NATIONAL_301,
    expected: without(YUNNAN_1_0_0, RESTATED.yunnan),
  },
  // The upgrade demonstration (not national): copies of 1.0.0 on its 3.0.0, rebased onto its
  // 3.1.1 as 1.1.0 (Fujian's footExam is in the demonstration's base from 3.1.0).
  { key: 'demo-fujian', version: '1.0.0', ...FUJIAN, base: DEMO_300, expected: FUJIAN_1_0_0 },
  {
    key: 'demo-fujian',
    version: '1.1.0',
    ...FUJIAN,
    base: DEMO_311,
    expected: FUJIAN_1_0_0.slice(1),
  },
  { key: 'demo-yunnan', version: '1.0.0', ...YUNNAN, base: DEMO_300, expected: YUNNAN_1_0_0 },
  { key: 'demo-yunnan', version: '1.1.0', ...YUNNAN, base: DEMO_311, expected: YUNNAN_1_0_0 },
].map((o) => ({ ...o, overlay: readOverlay(o.key, o.version) }));

function describeOp(op: Operation): string {
  switch (op.op) {
    case 'add-field':
      return `add-field ${op.form} ${op.path}/${op.field.name} after ${op.field.after ?? '(end)'}`;
    case 'set-parameter':
      return `set-parameter ${op.key} = ${String(op.value)}`;
    case 'add-options':
      return `add-options ${op.codeTable} ${op.codes.map((c) => c.code).join(',')}`;
    case 'add-rule':
      return `add-rule ${op.form} ${String((op.rule as { id?: unknown }).id)}`;
    case 'add-form':
    case 'add-workflow':
    case 'replace-workflow':
      return `${op.op} ${'workflow' in op ? op.workflow : (op.form ?? '')}`;
    case 'add-trigger':
    case 'replace-trigger':
      return `${op.op} ${String(op.trigger.id)}`;
    case 'add-code-table':
      return `${op.op} ${String(op.codeTable.id)}`;
    case 'add-program':
      return `${op.op} ${String(op.program.id)}`;
    case 'add-schedule':
      return `${op.op} ${String(op.schedule.id)}`;
    case 'add-indicator':
      return `${op.op} ${String(op.indicator.id)}`;
    case 'set-form-signable':
      return `${op.op} ${op.form} ${String(op.signable)}`;
    default:
      return `${op.op} ${op.form} ${op.path}`;
  }
}

/** The schema at a JSON pointer into the form data (object properties only), or undefined. */
function schemaAt(root: Schema, pointer: string): Schema | undefined {
  if (pointer === '') return root;
  let node: Schema | undefined = root;
  for (const raw of pointer.slice(1).split('/')) {
    const name = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const props = node?.properties as Record<string, Schema> | undefined;
    node = props && Object.hasOwn(props, name) ? props[name] : undefined;
    if (!node) return undefined;
  }
  return node;
}

function parentOf(pointer: string): { parent: string; name: string } {
  const i = pointer.lastIndexOf('/');
  return { parent: pointer.slice(0, i), name: pointer.slice(i + 1) };
}

/** Every JsonLogic value in a schema (x-visible, x-calculated), with its pointer. */
function schemaRules(schema: unknown, at = ''): { at: string; rule: unknown }[] {
  if (!schema || typeof schema !== 'object') return [];
  const found: { at: string; rule: unknown }[] = [];
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'x-visible' || k === 'x-calculated') found.push({ at: `${at}/${k}`, rule: v });
    else if (v && typeof v === 'object') found.push(...schemaRules(v, `${at}/${k}`));
  }
  return found;
}

/** The data paths a rule reads through `var`, as JSON pointers. */
function ruleVars(rule: unknown): string[] {
  if (Array.isArray(rule)) return rule.flatMap(ruleVars);
  if (!rule || typeof rule !== 'object') return [];
  return Object.entries(rule).flatMap(([op, arg]) => {
    if (op !== 'var') return ruleVars(arg);
    const target = Array.isArray(arg) ? arg[0] : arg;
    return typeof target === 'string' && target !== '' ? [`/${target.split('.').join('/')}`] : [];
  });
}

/** Every schema node with a title that a user sees: the field itself and inline options. */
function titledNodes(schema: Schema, at = ''): { at: string; node: Schema }[] {
  const found = [{ at, node: schema }];
  const items = schema.items as Schema | undefined;
  const options = (schema.oneOf ?? items?.oneOf) as Schema[] | undefined;
  (options ?? []).forEach((o, i) => found.push({ at: `${at}/oneOf/${i}`, node: o }));
  return found;
}

/**
 * The one part of the overlay compiler these tests need, kept minimal: add-field and
 * make-required applied to a copy of the base forms, so later operations (and the x-visible
 * rules of added fields) can be checked against the overlaid form.
 */
function applyFieldOps(base: Map<string, FormDefinition>, ops: Operation[]) {
  const forms = new Map([...base].map(([k, v]) => [k, structuredClone(v)]));
  for (const op of ops) {
    if (op.op !== 'add-field' && op.op !== 'make-required') continue;
    const form = forms.get(op.form);
    if (!form) continue;
    const root = form.schema as Schema;
    if (op.op === 'add-field') {
      const parent = schemaAt(root, op.path);
      if (!parent) continue;
      const props = (parent.properties ??= {}) as Record<string, Schema>;
      props[op.field.name] = structuredClone(op.field.schema);
      if (op.field.required)
        parent.required = [...((parent.required as string[]) ?? []), op.field.name];
    } else {
      const { parent, name } = parentOf(op.path);
      const node = schemaAt(root, parent);
      if (!node) continue;
      const required = (node.required as string[] | undefined) ?? [];
      if (!required.includes(name)) node.required = [...required, name];
    }
  }
  return forms;
}

describe.each(OVERLAYS)(
  'overlay $key $version',
  ({ key, version, code, zh, base: named, expected, overlay }) => {
    const { spec, version: baseVersion } = overlay.base;
    const baseForms = readForms(spec, baseVersion);
    const codeTables = readCodeTables(spec, baseVersion);
    const parameters = readJsonFolder<ParameterSet>(spec, baseVersion, '.').get('parameters');
    const compiler = new FormCompiler({ codeTables });
    const ops = overlay.operations;
    const overlaid = applyFieldOps(baseForms, ops);

    it('given the file, when validated, then it conforms to the overlay meta-schema', () => {
      expect(validateMetadata('overlay', overlay)).toEqual([]);
    });

    it('given the file, then its key, version and jurisdiction match its place', () => {
      expect([overlay.key, overlay.version]).toEqual([key, version]);
      expect(overlay.jurisdiction.code).toBe(code);
      expect(overlay.jurisdiction.name.zh).toBe(zh);
    });

    it('given its base, then that spec version exists in the seed', () => {
      expect(overlay.base).toEqual(named);
      expect(fs.existsSync(specDir(spec, baseVersion))).toBe(true);
      expect(baseForms.size).toBeGreaterThan(0);
      expect(parameters).toBeDefined();
    });

    it('given its operations, then they are exactly the listed kinds and targets', () => {
      expect(ops.map(describeOp)).toEqual(expected);
    });

    it('given each operation on a form, then the form and the path exist in the base', () => {
      const added = new Map<string, Set<string>>(); // form → pointers added so far
      for (const op of ops) {
        if (!('form' in op) || !op.form || op.op === 'add-form') continue;
        const base = baseForms.get(op.form);
        expect(base, `${describeOp(op)}: form`).toBeDefined();
        const root = base!.schema as Schema;
        const mine = added.get(op.form) ?? new Set<string>();
        added.set(op.form, mine);
        if (op.op === 'add-field') {
          const parent = schemaAt(root, op.path);
          expect(parent?.type, `${describeOp(op)}: parent object in the base`).toBe('object');
          const siblings = Object.keys((parent!.properties ?? {}) as Schema);
          const pointer = `${op.path}/${op.field.name}`;
          expect(siblings, `${describeOp(op)}: name collides with a base field`).not.toContain(
            op.field.name,
          );
          expect(mine.has(pointer), `${describeOp(op)}: added twice`).toBe(false);
          if (op.field.after !== undefined) {
            const afterPointer = `${op.path}/${op.field.after}`;
            expect(
              siblings.includes(op.field.after) || mine.has(afterPointer),
              `${describeOp(op)}: "after" names no sibling`,
            ).toBe(true);
          }
          mine.add(pointer);
        } else if ('path' in op && typeof op.path === 'string') {
          expect(
            schemaAt(root, op.path) !== undefined || mine.has(op.path),
            `${describeOp(op)}: path exists in the base or was added before`,
          ).toBe(true);
        }
      }
    });

    it('given a locked base field, then only make-required or tighten-range touch it', () => {
      const lockedTables = new Set<string>();
      for (const form of baseForms.values()) {
        const walk = (s: Schema) => {
          if (s['x-locked'] === true && typeof s['x-code-table'] === 'string')
            lockedTables.add(s['x-code-table']);
          for (const child of Object.values((s.properties ?? {}) as Record<string, Schema>))
            walk(child);
        };
        walk(form.schema as Schema);
      }
      for (const op of ops) {
        if (op.op === 'add-options') {
          expect(lockedTables.has(op.codeTable), `${describeOp(op)}: table of a locked field`).toBe(
            false,
          );
          continue;
        }
        if (!('path' in op) || typeof op.path !== 'string') continue;
        const root = baseForms.get(op.form)?.schema as Schema | undefined;
        if (!root) continue;
        const target = schemaAt(root, op.path);
        if (target?.['x-locked'] !== true) continue;
        expect(['make-required', 'tighten-range'], `${describeOp(op)}: locked field`).toContain(
          op.op,
        );
        if (op.op === 'tighten-range') {
          for (const k of ['minimum', 'minLength'] as const)
            if (op[k] !== undefined && typeof target[k] === 'number')
              expect(op[k]).toBeGreaterThanOrEqual(target[k]);
          for (const k of ['maximum', 'maxLength'] as const)
            if (op[k] !== undefined && typeof target[k] === 'number')
              expect(op[k]).toBeLessThanOrEqual(target[k]);
        }
      }
    });

    it('given each set-parameter, then the key exists, may be overridden and the value is in range', () => {
      for (const op of ops) {
        if (op.op !== 'set-parameter') continue;
        const parameter = parameters!.parameters.find((p) => p.key === op.key);
        expect(parameter, `${op.key}: parameter`).toBeDefined();
        expect(parameter!.overridable, `${op.key}: overridable`).toBe(true);
        if (parameter!.type === 'integer') expect(Number.isInteger(op.value)).toBe(true);
        if (parameter!.type === 'integer' || parameter!.type === 'number') {
          expect(typeof op.value).toBe('number');
          if (parameter!.minimum !== undefined)
            expect(op.value as number).toBeGreaterThanOrEqual(parameter!.minimum);
          if (parameter!.maximum !== undefined)
            expect(op.value as number).toBeLessThanOrEqual(parameter!.maximum);
        }
      }
    });

    const addFields = ops.filter((op) => op.op === 'add-field');
    if (addFields.length) {
      it.each(addFields.map((op) => [describeOp(op), op] as const))(
        'given %s, then its schema alone compiles as a one-field form',
        (_name, op) => {
          const definition = {
            key: `overlay-${key}-${op.field.name.toLowerCase()}`,
            version,
            title: { zh: String(op.field.schema.title), en: String(op.field.schema['x-title-en']) },
            schema: { type: 'object', properties: { [op.field.name]: op.field.schema } },
          };
          expect(() => compiler.compile(definition)).not.toThrow();
        },
      );

      it.each(addFields.map((op) => [describeOp(op), op] as const))(
        'given %s, then it and its options carry a zh title and an English one',
        (_name, op) => {
          for (const { at, node } of titledNodes(op.field.schema)) {
            expect(typeof node.title === 'string' && node.title.length > 0, `${at}/title`).toBe(
              true,
            );
            expect(
              typeof node['x-title-en'] === 'string' && node['x-title-en'].length > 0,
              `${at}/x-title-en`,
            ).toBe(true);
          }
        },
      );
    }

    it('given every JsonLogic it carries, then checkRule admits it and its vars name fields', () => {
      const rules: { at: string; rule: unknown; form: string }[] = [];
      ops.forEach((op, i) => {
        if (op.op === 'add-field')
          for (const r of schemaRules(op.field.schema, `/operations/${i}/field/schema`))
            rules.push({ ...r, form: op.form });
        if (op.op === 'add-rule')
          for (const part of ['when', 'assert'] as const)
            if (part in op.rule)
              rules.push({
                at: `/operations/${i}/rule/${part}`,
                rule: op.rule[part],
                form: op.form,
              });
      });
      for (const { at, rule, form } of rules) {
        expect(checkRule(rule), at).toEqual([]);
        const root = overlaid.get(form)!.schema as Schema;
        for (const v of ruleVars(rule)) expect(schemaAt(root, v), `${at}: var ${v}`).toBeDefined();
      }
    });

    it('given the base with its added and required fields, then every touched form compiles', () => {
      const touched = new Set(ops.flatMap((op) => ('form' in op && op.form ? [op.form] : [])));
      for (const form of touched) {
        expect(() => compiler.compile(overlaid.get(form)!), form).not.toThrow();
      }
    });
  },
);

describe('overlays applied to the base', () => {
  const fujian = readOverlay('fujian', '1.0.0');
  const yunnan = readOverlay('yunnan', '1.0.0');
  const baseForms = readForms('national-phs', '3.0.0');
  const compiler = new FormCompiler({ codeTables: readCodeTables('national-phs', '3.0.0') });

  it('given Fujian, when a hypertension visit has no referral reason, then the outcome is dropped', () => {
    const form = compiler.compile(
      applyFieldOps(baseForms, fujian.operations).get('hypertension-followup')!,
    );
    const withoutReason = form.process(
      { referral: { institution: '县医院', outcome: '1' }, nextManagementStep: '1' },
      clock,
    );
    expect(withoutReason.data).toMatchObject({ referral: { institution: '县医院' } });
    expect((withoutReason.data.referral as Schema).outcome).toBeUndefined();
    const withReason = form.process(
      { referral: { reason: '血压控制不满意', outcome: '3' } },
      clock,
    );
    expect(withReason.errors.map((e) => e.path)).toContain('/referral/outcome');
  });

  it('given Fujian, when the foot exam is abnormal, then its findings are required', () => {
    const form = compiler.compile(
      applyFieldOps(baseForms, fujian.operations).get('diabetes-followup')!,
    );
    const paths = (data: Schema) => form.process(data, clock).errors.map((e) => e.path);
    expect(paths({ footExam: '2' })).toContain('/footExamFindings');
    expect(paths({ footExam: '1' })).not.toContain('/footExamFindings');
    expect(paths({ complicationScreening: ['1', '6'] })).toContain('/complicationScreening/1');
  });

  it('given Yunnan, when a prenatal follow-up has no risk colour, then it is rejected there', () => {
    const forms = applyFieldOps(baseForms, yunnan.operations);
    for (const key of ['prenatal-first', 'prenatal-followup']) {
      const result = compiler.compile(forms.get(key)!).process({}, clock);
      expect(
        result.errors.map((e) => e.path),
        key,
      ).toContain('/riskColour');
    }
    const base = compiler.compile(baseForms.get('prenatal-followup')!).process({}, clock);
    expect(base.errors.map((e) => e.path)).not.toContain('/riskColour');
  });
});
