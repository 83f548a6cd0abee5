import type { MigrationDecision } from '@formwork/definitions';

/**
 * The data migration screen's answers, without Vue: what the configurator typed for one open
 * decision of a plan, turned into the answer the engine takes (`POST
 * /api/data-migrations/:id/answers`, definitions' `DecisionAnswer`), or the reason it cannot be.
 * Whether an answer fits the plan (a code the new table has, a factor that is a number) is the
 * engine's to say when it applies the answers.
 */

/** What the screen asks for each kind of decision. */
export interface DecisionInput {
  /** default-value: the value, as JSON (`"1"`, `0`, `false`). */
  value?: string;
  /** recode-table: one `old=new` per line. */
  map?: string;
  /** unit-conversion */
  factor?: number;
  offset?: number;
  /** rename-or-drop: the new path (one of the decision's choices), or drop. */
  rename?: string;
  drop?: boolean;
  /** transform: JsonLogic over the old record, as JSON; or skip. */
  rule?: string;
  skip?: boolean;
}

export type Answer = Record<string, unknown>;

export type AnswerOutcome =
  { answer: Answer } | { problem: { zh: string; en: string } } | { unanswered: true };

function json(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The answer for `decision` from what was typed; unanswered when nothing was. */
export function answerFor(decision: MigrationDecision, input: DecisionInput): AnswerOutcome {
  switch (decision.code) {
    case 'default-value': {
      if (!input.value?.trim()) return { unanswered: true };
      const parsed = json(input.value);
      return parsed.ok
        ? { answer: { value: parsed.value } }
        : {
            problem: {
              zh: `${decision.path}：默认值须为 JSON（文字加引号，如 "1"）`,
              en: `${decision.path}: the default is JSON (text in quotes, e.g. "1")`,
            },
          };
    }
    case 'recode-table': {
      const lines = (input.map ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      if (!lines.length) return { unanswered: true };
      const map: Record<string, string> = {};
      for (const line of lines) {
        const [from, to, ...rest] = line.split('=').map((p) => p.trim());
        if (!from || !to || rest.length)
          return {
            problem: {
              zh: `${decision.path}：每行写一个“旧代码=新代码”，“${line}”不是`,
              en: `${decision.path}: one "old=new" per line; "${line}" is not`,
            },
          };
        map[from] = to;
      }
      return { answer: { map } };
    }
    case 'unit-conversion':
      if (input.factor === undefined || Number.isNaN(input.factor)) return { unanswered: true };
      return {
        answer: {
          factor: input.factor,
          ...(input.offset !== undefined && !Number.isNaN(input.offset)
            ? { offset: input.offset }
            : {}),
        },
      };
    case 'rename-or-drop':
      if (input.drop) return { answer: { drop: true } };
      return input.rename ? { answer: { rename: input.rename } } : { unanswered: true };
    case 'transform': {
      if (input.skip) return { answer: { skip: true } };
      if (!input.rule?.trim()) return { unanswered: true };
      const parsed = json(input.rule);
      return parsed.ok
        ? { answer: { rule: parsed.value } }
        : {
            problem: {
              zh: `${decision.path}：规则须为 JSON（JsonLogic）`,
              en: `${decision.path}: the rule is JSON (JsonLogic)`,
            },
          };
    }
  }
}

/** One step of a plan in words: what happens to stored records. */
export function describeStep(step: Record<string, unknown>, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  const path = String(step.path ?? '');
  switch (step.op) {
    case 'rename':
      return zh ? `${path} 改名为 ${String(step.to)}` : `${path} renamed to ${String(step.to)}`;
    case 'recode':
      return zh ? `${path} 按新代码表重编码` : `${path} recoded to the new code table`;
    case 'convert-unit':
      return zh ? `${path} 换算单位` : `${path} converted to the new unit`;
    case 'set-default':
      return zh
        ? `${path} 缺失时填入 ${JSON.stringify(step.value)}`
        : `${path} gets ${JSON.stringify(step.value)} where missing`;
    case 'drop':
      return zh ? `${path} 删除` : `${path} dropped`;
    case 'transform':
      return zh ? `${path} 按规则计算` : `${path} computed by a rule`;
    default:
      return `${String(step.op)} ${path}`;
  }
}
