/**
 * The real provincial overlays rebased from national-phs 3.0.0 onto 3.1.0 (see
 * national-phs/3.1.0/CHANGES.md): Yunnan carries every operation; Fujian meets exactly the
 * conflict designed into 3.1.0 (the base now adds the diabetes foot examination itself) and
 * carries the rest; both rebased overlays apply to 3.1.0 without problems and every effective form
 * compiles. The seed's 1.1.0 overlays are exactly the 1.0.0 ones rebased onto 3.1.1 (the patch
 * release fixing the consultation's urgent branch; national-phs/3.1.1/CHANGES.md): the same
 * conflict, the same carried operations.
 */
import { describe, expect, it } from 'vitest';
import { applyOverlay, FormCompiler, rebaseOverlay } from '@formwork/definitions';
import { listOverlays, readBaseSpec, readOverlay } from '../lib/readSpec.js';

const oldBase = readBaseSpec('national-phs', '3.0.0');
const newBase = readBaseSpec('national-phs', '3.1.0');

const EXPECTED_CONFLICTS: Record<string, { index: number; code: string }[]> = {
  fujian: [{ index: 0, code: 'field-exists' }],
  yunnan: [],
};

describe('seed overlays', () => {
  it('given the seed, when listed, then Fujian and Yunnan 1.0.0 and 1.1.0 are there, in version order', () => {
    expect(listOverlays()).toEqual(
      expect.arrayContaining([
        { key: 'fujian', version: '1.0.0' },
        { key: 'yunnan', version: '1.0.0' },
      ]),
    );
    expect(listOverlays()).toEqual([
      { key: 'fujian', version: '1.0.0' },
      { key: 'fujian', version: '1.1.0' },
      { key: 'yunnan', version: '1.0.0' },
      { key: 'yunnan', version: '1.1.0' },
    ]);
  });
});

describe.each(['fujian', 'yunnan'])('overlay %s 1.0.0 rebased onto national-phs 3.1.0', (key) => {
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
    expect(rebased.base).toEqual({ spec: 'national-phs', version: '3.1.0' });
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
});

describe('Fujian rebased onto 3.1.0: the foot examination conflict', () => {
  it('given the national footExam, then Fujian footExam is listed with the base change and reason, and its findings follow the national field', async () => {
    const overlay = readOverlay('fujian', '1.0.0');
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

describe.each(['fujian', 'yunnan'])(
  'overlay %s 1.1.0: 1.0.0 rebased onto national-phs 3.1.1',
  (key) => {
    const patched = readBaseSpec('national-phs', '3.1.1');
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
      expect(seeded.base).toEqual({ spec: 'national-phs', version: '3.1.1' });
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
