/**
 * Rebasing the seed's overlays.
 *
 * The national line: Fujian and Yunnan 1.2.0 are their 1.0.0 rebased from national-phs 3.0.0
 * onto the printed base 3.0.1 (national-phs/3.0.1/CHANGES.md), and the only operations the rebase
 * stops are the ones that merely restated a national rule (Fujian's 28-day postpartum window,
 * Yunnan's 65+ systolic target of 150) and Fujian's hypertension follow-up rows (用药调整意见,
 * 转诊联系人及电话, 转诊结果, 下一步管理措施, 居民签名), which the printed 2017 form has and the
 * base 3.0.1 now holds itself.
 *
 * The upgrade demonstration (not national; upgrade-demo/*\/CHANGES.md): the demonstration
 * overlays rebased from upgrade-demo 3.0.0 onto 3.1.0: demo-yunnan carries every operation;
 * demo-fujian meets exactly the conflict designed into 3.1.0 (the base now adds the diabetes foot
 * examination itself) and carries the rest; both rebased overlays apply to 3.1.0 without problems
 * and every effective form compiles. The demonstration's 1.1.0 overlays are exactly the 1.0.0
 * ones rebased onto 3.1.1 (the patch release fixing the consultation's urgent branch): the same
 * conflict, the same carried operations.
 */
import { describe, expect, it } from 'vitest';
import { applyOverlay, FormCompiler, rebaseOverlay } from '@formwork/definitions';
import { listOverlays, readBaseSpec, readOverlay } from '../lib/readSpec.js';

describe('seed overlays', () => {
  it('given the seed, when listed, then the provinces 1.0.0 and 1.2.0 and the demonstration 1.0.0 and 1.1.0 are there, in version order', () => {
    expect(listOverlays()).toEqual([
      { key: 'demo-fujian', version: '1.0.0' },
      { key: 'demo-fujian', version: '1.1.0' },
      { key: 'demo-yunnan', version: '1.0.0' },
      { key: 'demo-yunnan', version: '1.1.0' },
      { key: 'fujian', version: '1.0.0' },
      { key: 'fujian', version: '1.2.0' },
      { key: 'yunnan', version: '1.0.0' },
      { key: 'yunnan', version: '1.2.0' },
    ]);
  });
});

describe('the national line: 1.0.0 rebased onto the printed base national-phs 3.0.1', () => {
  const printed = readBaseSpec('national-phs', '3.0.1');
  const published = readBaseSpec('national-phs', '3.0.0');
  /** The operation of each 1.0.0 that only restated a national rule, with the parameter 3.0.1 corrected. */
  /** Fujian's hypertension follow-up rows: the printed 2017 form has them, so the base 3.0.1 does. */
  const NOW_IN_BASE: Record<'fujian' | 'yunnan', number[]> = {
    fujian: [7, 8, 9, 10, 11, 12],
    yunnan: [],
  };
  const RESTATED = {
    fujian: {
      index: 6,
      code: 'parameter-not-overridable',
      key: 'postpartumVisitWindowDays',
      value: 28,
    },
    yunnan: {
      index: 0,
      code: 'base-changed-parameter',
      key: 'bpTargetSystolicElderly',
      value: 150,
    },
  };

  it.each(['fujian', 'yunnan'] as const)(
    'given %s 1.0.0, when rebased onto 3.0.1, then only the operation restating the national rule and the rows now in the base stop, and the seed 1.2.0 is the result',
    async (key) => {
      const overlay = readOverlay(key, '1.0.0');
      const restated = RESTATED[key];
      const {
        problems,
        conflicts,
        carried,
        overlay: rebased,
      } = await rebaseOverlay(published, printed, overlay);
      expect(problems).toEqual([]);
      const inBase = NOW_IN_BASE[key];
      expect(conflicts.map(({ index, code }) => ({ index, code }))).toEqual([
        { index: restated.index, code: restated.code },
        ...inBase.map((index) => ({ index, code: 'field-exists' })),
      ]);
      for (const index of inBase) {
        const op = overlay.operations[index]!;
        expect(op.op).toBe('add-field');
        if (op.op !== 'add-field') continue;
        const parent = op.path
          .split('/')
          .slice(1)
          .reduce<Record<string, unknown>>(
            (schema, name) => (schema.properties as Record<string, Record<string, unknown>>)[name]!,
            printed.forms[op.form]!.schema,
          );
        expect(parent.properties, `${op.form} ${op.path}/${op.field.name}`).toHaveProperty([
          op.field.name,
        ]);
      }
      expect(overlay.operations[restated.index]).toEqual({
        op: 'set-parameter',
        key: restated.key,
        value: restated.value,
      });
      expect(printed.parameters.parameters.find((p) => p.key === restated.key)!.value).toBe(
        restated.value,
      );
      expect(carried).toEqual(
        overlay.operations
          .map((_, i) => i)
          .filter((i) => i !== restated.index && !inBase.includes(i)),
      );
      const seeded = readOverlay(key, '1.2.0');
      // Yunnan's title no longer names the elderly BP target, nor Fujian's the hypertension rows:
      // the national base holds them.
      expect(seeded).toEqual({ ...rebased, version: '1.2.0', title: seeded.title });
      expect(seeded.base).toEqual({ spec: 'national-phs', version: '3.0.1' });
    },
  );

  it.each(['fujian', 'yunnan'])(
    'given %s 1.2.0, when applied to 3.0.1, then no problems and every form compiles',
    async (key) => {
      const { spec, problems } = await applyOverlay(printed, readOverlay(key, '1.2.0'));
      expect(problems).toEqual([]);
      const compiler = new FormCompiler({ codeTables: spec.codeTables });
      for (const [name, form] of Object.entries(spec.forms))
        expect(() => compiler.compile(form), name).not.toThrow();
    },
  );
});

const oldBase = readBaseSpec('upgrade-demo', '3.0.0');
const newBase = readBaseSpec('upgrade-demo', '3.1.0');

const EXPECTED_CONFLICTS: Record<string, { index: number; code: string }[]> = {
  'demo-fujian': [{ index: 0, code: 'field-exists' }],
  'demo-yunnan': [],
};

describe.each(['demo-fujian', 'demo-yunnan'])(
  'upgrade demonstration: overlay %s 1.0.0 rebased onto upgrade-demo 3.1.0',
  (key) => {
    const overlay = readOverlay(key, '1.0.0');
    const frozen = structuredClone([oldBase, newBase, overlay]);
    const result = rebaseOverlay(oldBase, newBase, overlay);
    const expected = EXPECTED_CONFLICTS[key]!;

    it('given the rebase, then exactly the expected conflicts and every other operation carried', async () => {
      const { problems, conflicts, carried } = await result;
      expect(problems).toEqual([]);
      expect(conflicts.map(({ index, code }) => ({ index, code }))).toEqual(expected);
      const dropped = expected.map((c) => c.index);
      expect(carried).toEqual(
        overlay.operations.map((_, i) => i).filter((i) => !dropped.includes(i)),
      );
      expect([oldBase, newBase, overlay]).toEqual(frozen);
    });

    it('given the rebased overlay, then it names 3.1.0 and holds the carried operations in order', async () => {
      const { overlay: rebased, carried } = await result;
      expect(rebased.base).toEqual({ spec: 'upgrade-demo', version: '3.1.0' });
      expect(rebased.key).toBe(overlay.key);
      expect(rebased.version).toBe(overlay.version);
      expect(rebased.operations).toEqual(carried.map((i) => overlay.operations[i]));
    });

    it('given the rebased overlay, when applied to 3.1.0, then no problems and every form compiles', async () => {
      const { overlay: rebased } = await result;
      const { spec, problems } = await applyOverlay(newBase, rebased);
      expect(problems).toEqual([]);
      const compiler = new FormCompiler({ codeTables: spec.codeTables });
      for (const [name, form] of Object.entries(spec.forms))
        expect(() => compiler.compile(form), name).not.toThrow();
    });
  },
);

describe('upgrade demonstration: demo-fujian rebased onto 3.1.0, the foot examination conflict', () => {
  it('given the footExam of the demonstration base, then demo-fujian footExam is listed with the base change and reason, and its findings follow the base field', async () => {
    const overlay = readOverlay('demo-fujian', '1.0.0');
    const { conflicts, overlay: rebased } = await rebaseOverlay(oldBase, newBase, overlay);
    expect(conflicts).toEqual([
      {
        index: 0,
        op: overlay.operations[0],
        code: 'field-exists',
        baseChange: {
          form: 'diabetes-followup',
          path: '/footExam',
          description: {
            zh: '基础规范在顶层新增了字段 "footExam"',
            en: 'the base added field "footExam" to the top level',
          },
        },
        reason: {
          zh: '顶层 / top level 中已有字段 "footExam"',
          en: '顶层 / top level already has a field "footExam"',
        },
      },
    ]);
    const { spec } = await applyOverlay(newBase, rebased);
    const keys = Object.keys(
      spec.forms['diabetes-followup']!.schema.properties as Record<string, unknown>,
    );
    expect(
      keys.slice(keys.indexOf('dorsalisPedisSide'), keys.indexOf('dorsalisPedisSide') + 3),
    ).toEqual(['dorsalisPedisSide', 'footExam', 'footExamFindings']);
  });
});

describe.each(['demo-fujian', 'demo-yunnan'])(
  'upgrade demonstration: overlay %s 1.1.0 is 1.0.0 rebased onto upgrade-demo 3.1.1',
  (key) => {
    const patched = readBaseSpec('upgrade-demo', '3.1.1');
    const overlay = readOverlay(key, '1.0.0');
    const seeded = readOverlay(key, '1.1.0');

    it('given the rebase of 1.0.0 onto 3.1.1, then the expected conflicts and the seed 1.1.0 is its result', async () => {
      const {
        problems,
        conflicts,
        carried,
        overlay: rebased,
      } = await rebaseOverlay(oldBase, patched, overlay);
      expect(problems).toEqual([]);
      expect(conflicts.map(({ index, code }) => ({ index, code }))).toEqual(
        EXPECTED_CONFLICTS[key],
      );
      const dropped = EXPECTED_CONFLICTS[key]!.map((c) => c.index);
      expect(carried).toEqual(
        overlay.operations.map((_, i) => i).filter((i) => !dropped.includes(i)),
      );
      expect(seeded).toEqual({ ...rebased, version: '1.1.0' });
      expect(seeded.base).toEqual({ spec: 'upgrade-demo', version: '3.1.1' });
    });

    it('given 1.1.0, when applied to 3.1.1, then no problems, every form compiles and the consultation is the fixed one', async () => {
      const { spec, problems } = await applyOverlay(patched, seeded);
      expect(problems).toEqual([]);
      const compiler = new FormCompiler({ codeTables: spec.codeTables });
      for (const [name, form] of Object.entries(spec.forms))
        expect(() => compiler.compile(form), name).not.toThrow();
      expect(spec.workflows['remote-consultation']).toContain('{"==":[{"var":"urgency"},"2"]}');
    });
  },
);
