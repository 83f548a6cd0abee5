import type { CompiledForm } from '../forms/CompiledForm.js';
import { isObject } from '../forms/schemaWalk.js';
import { evaluateRule, systemClock, type RuleClock } from '../rules/evaluateRule.js';
import type { MigrationPlan, MigrationStep } from '../types/generated.js';
import type { LocalizedMessage } from '../validation/formErrors.js';
import { checkMigrationPlan, DRAFT_PROBLEM_CODES } from './checkMigrationPlan.js';
import { dataSlots } from './dataSlots.js';

/** Why one record does not migrate. */
export interface MigrationFailure {
  /** JSON pointer into the record (array indexes in place), or into the plan for plan-invalid. */
  path: string;
  /**
   * plan-invalid, not-an-object, decision-open (the step still needs a person's answer and this
   * record needs the step), rename-conflict, not-a-number, transform-failed, step-unsupported,
   * or `invalid:<keyword>` when the target form rejects the result (`invalid:required`,
   * `invalid:x-rule:<rule id>`…).
   */
  code: string;
  message: LocalizedMessage;
}

export type MigrationResult =
  | {
      ok: true;
      data: Record<string, unknown>;
      /** Concrete paths whose values the plan set (to mark migrated values), sorted. */
      changed: string[];
      /** Concrete paths the plan removed (their values stay in the original payload), sorted. */
      dropped: string[];
    }
  | { ok: false; reasons: MigrationFailure[] };

/**
 * Migrates one stored payload with a plan: the steps in order on a copy (the input is never
 * changed), then, when the compiled target form is given, its `process` (calculated fields
 * recomputed, hidden fields dropped); data it finds invalid fails with its errors. A plan that is
 * not sound (meta-schema, transform rules) fails every record; a draft plan runs, and a record
 * fails only where it needs a step still waiting for a decision.
 */
export function applyMigration(
  plan: MigrationPlan,
  payload: unknown,
  compiledTarget?: CompiledForm,
  clock: RuleClock = systemClock,
): MigrationResult {
  const refused = planRefusal(plan);
  if (refused) return refused;
  return migrateRecord(plan, payload, compiledTarget, clock);
}

/** The failure every record gets when the plan itself is not sound, else undefined. */
export function planRefusal(plan: MigrationPlan): MigrationResult | undefined {
  const problems = checkMigrationPlan(plan).filter((p) => !DRAFT_PROBLEM_CODES.includes(p.code));
  if (!problems.length) return undefined;
  return {
    ok: false,
    reasons: problems.map((p) => ({ path: p.path, code: 'plan-invalid', message: p.message })),
  };
}

const text = (zh: string, en: string) => ({ zh, en });

/** applyMigration without checking the plan (checked once by the caller). */
export function migrateRecord(
  plan: MigrationPlan,
  payload: unknown,
  compiledTarget: CompiledForm | undefined,
  clock: RuleClock,
): MigrationResult {
  if (!isObject(payload))
    return {
      ok: false,
      reasons: [
        {
          path: '',
          code: 'not-an-object',
          message: text('数据必须是对象', 'data must be an object'),
        },
      ],
    };
  const original = payload;
  let data = structuredClone(payload);
  const changed = new Set<string>();
  const dropped = new Set<string>();
  const reasons: MigrationFailure[] = [];
  for (const step of plan.steps) runStep(step, data, original, clock, changed, dropped, reasons);
  if (reasons.length) return { ok: false, reasons };
  if (compiledTarget) {
    const result = compiledTarget.process(data, clock);
    if (!result.valid)
      return {
        ok: false,
        reasons: result.errors.map((e) => ({
          path: e.path,
          code: `invalid:${e.keyword}`,
          message: e.message,
        })),
      };
    data = result.data;
  }
  return { ok: true, data, changed: [...changed].sort(), dropped: [...dropped].sort() };
}

function parentOf(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function runStep(
  step: MigrationStep,
  data: Record<string, unknown>,
  original: Record<string, unknown>,
  clock: RuleClock,
  changed: Set<string>,
  dropped: Set<string>,
  reasons: MigrationFailure[],
) {
  const present = (path: string) =>
    dataSlots(data, path).filter((s) => Object.hasOwn(s.container, s.key));
  switch (step.op) {
    case 'rename': {
      const sameParent = parentOf(step.from) === parentOf(step.to);
      if (!sameParent && (step.from.includes('/-/') || step.to.includes('/-/'))) {
        reasons.push({
          path: step.from,
          code: 'step-unsupported',
          message: text(
            `不支持跨数组改名：${step.from} → ${step.to}`,
            `renaming across arrays is not supported: ${step.from} → ${step.to}`,
          ),
        });
        return;
      }
      for (const slot of present(step.from)) {
        const value = slot.container[slot.key];
        delete slot.container[slot.key];
        const targets = sameParent
          ? [
              {
                container: slot.container,
                key: step.to.slice(step.to.lastIndexOf('/') + 1),
                path: `${parentOf(slot.path)}${step.to.slice(step.to.lastIndexOf('/'))}`,
              },
            ]
          : ensureSlots(data, step.to);
        for (const target of targets) {
          const key = target.key.replace(/~1/g, '/').replace(/~0/g, '~');
          if (Object.hasOwn(target.container, key)) {
            reasons.push({
              path: target.path,
              code: 'rename-conflict',
              message: text(
                `${step.from} 改名为 ${step.to}，但 ${target.path} 已有值`,
                `${step.from} is renamed to ${step.to}, but ${target.path} already has a value`,
              ),
            });
            continue;
          }
          target.container[key] = value;
          changed.add(target.path);
        }
      }
      return;
    }
    case 'recode':
      for (const slot of present(step.path)) {
        const value = slot.container[slot.key];
        const recode = (v: unknown) =>
          typeof v === 'string' && Object.hasOwn(step.map, v) ? step.map[v]! : v;
        const next = Array.isArray(value) ? [...new Set(value.map(recode))] : recode(value);
        if (JSON.stringify(next) !== JSON.stringify(value)) {
          slot.container[slot.key] = next;
          changed.add(slot.path);
        }
      }
      return;
    case 'convert-unit':
      for (const slot of present(step.path)) {
        const value = slot.container[slot.key];
        if (value === null) continue;
        if (step.factor === undefined) {
          reasons.push({
            path: slot.path,
            code: 'decision-open',
            message: text(
              `${step.path} 的单位换算尚未确定`,
              `the unit conversion of ${step.path} is not decided yet`,
            ),
          });
        } else if (typeof value !== 'number' || !Number.isFinite(value)) {
          reasons.push({
            path: slot.path,
            code: 'not-a-number',
            message: text(
              `${slot.path} 不是数值，无法换算单位`,
              `${slot.path} is not a number to convert`,
            ),
          });
        } else {
          slot.container[slot.key] = round(
            value * step.factor + (step.offset ?? 0),
            step.decimals ?? 6,
          );
          changed.add(slot.path);
        }
      }
      return;
    case 'set-default':
      for (const slot of dataSlots(data, step.path)) {
        const value = slot.container[slot.key];
        if (value !== undefined && value !== null) continue;
        if (!('value' in step)) {
          reasons.push({
            path: slot.path,
            code: 'decision-open',
            message: text(
              `${step.path} 为必填，缺值时的填充值尚未确定`,
              `${step.path} is required and the value for records without it is not decided yet`,
            ),
          });
          continue;
        }
        slot.container[slot.key] = structuredClone(step.value);
        changed.add(slot.path);
      }
      return;
    case 'drop':
      for (const slot of present(step.path)) {
        delete slot.container[slot.key];
        dropped.add(slot.path);
      }
      return;
    case 'transform': {
      if (step.path.includes('/-')) {
        reasons.push({
          path: step.path,
          code: 'step-unsupported',
          message: text(
            `不支持对数组元素内的字段做转换：${step.path}`,
            `transforms of fields inside array items are not supported: ${step.path}`,
          ),
        });
        return;
      }
      let result: unknown;
      try {
        result = evaluateRule(step.rule, original, clock);
      } catch (err) {
        reasons.push({
          path: step.path,
          code: 'transform-failed',
          message: text(
            `${step.path} 的转换失败：${(err as Error).message}`,
            `the transform of ${step.path} failed: ${(err as Error).message}`,
          ),
        });
        return;
      }
      const [slot] = ensureSlots(data, step.path);
      if (!slot) return;
      const before = slot.container[slot.key];
      if (result === undefined || result === null) delete slot.container[slot.key];
      else slot.container[slot.key] = result;
      if (JSON.stringify(before) !== JSON.stringify(slot.container[slot.key]))
        changed.add(slot.path);
      return;
    }
  }
}

/** The slot of a pointer without '-', creating the objects on the way. */
function ensureSlots(data: Record<string, unknown>, pointer: string) {
  const names = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = data;
  for (const name of names.slice(0, -1)) {
    if (!isObject(node[name])) node[name] = {};
    node = node[name] as Record<string, unknown>;
  }
  return [{ container: node, key: names[names.length - 1]!, path: pointer }];
}
