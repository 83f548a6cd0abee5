import type { LocalizedText } from './BpmnLintResult.js';
import { isIsoDateTime, isIsoDuration, isIsoRepeatingInterval } from './isoTimer.js';
import { elementProperty, isSet, stringProperty, type ModdleElement } from './moddleElement.js';
import type { ProblemCollector } from './ProblemCollector.js';

const TIMER_KINDS = {
  timeDuration: {
    valid: isIsoDuration,
    expected: {
      zh: 'ISO 8601 时长，例如 P2D、PT48H',
      en: 'an ISO 8601 duration such as P2D or PT48H',
    },
  },
  timeDate: {
    valid: isIsoDateTime,
    expected: {
      zh: '带时区的 ISO 8601 时刻，例如 2026-03-01T08:00:00+08:00',
      en: 'an ISO 8601 date-time with its offset such as 2026-03-01T08:00:00+08:00',
    },
  },
  timeCycle: {
    valid: isIsoRepeatingInterval,
    expected: {
      zh: 'ISO 8601 重复区间，例如 R3/PT1H',
      en: 'an ISO 8601 repeating interval such as R3/PT1H',
    },
  },
} as const;

type TimerKind = keyof typeof TIMER_KINDS;

/**
 * A timer definition needs exactly one of timeDuration, timeDate and timeCycle, written as a
 * fixed ISO 8601 value: no `${…}` expression, no script language, no cron.
 */
export function checkTimer(
  definition: ModdleElement,
  ownerId: string | null,
  owner: LocalizedText,
  problems: ProblemCollector,
): void {
  const kinds = (Object.keys(TIMER_KINDS) as TimerKind[]).filter((kind) =>
    elementProperty(definition, kind),
  );
  const [kind] = kinds;
  if (kinds.length !== 1 || kind === undefined) {
    problems.add('timer-invalid', ownerId, {
      zh: `${owner.zh}的定时器必须恰好有 timeDuration、timeDate、timeCycle 之一（实际 ${kinds.length} 个）`,
      en: `${owner.en}: a timer needs exactly one of timeDuration, timeDate and timeCycle (found ${kinds.length})`,
    });
    return;
  }
  const expression = elementProperty(definition, kind)!;
  const value = stringProperty(expression, 'body')?.trim() ?? '';
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  const { expected } = TIMER_KINDS[kind];
  const fail = (zh: string, en: string): void =>
    problems.add('timer-invalid', ownerId, {
      zh: `${owner.zh}的定时器 ${kind}="${shown}" ${zh}；应为${expected.zh}`,
      en: `${owner.en}: timer ${kind}="${shown}" ${en}; expected ${expected.en}`,
    });
  if (isSet(expression, 'language') || isSet(expression, 'resource')) {
    fail('指定了脚本语言或资源', 'names a script language or resource');
  } else if (/[$#]\{/.test(value)) {
    fail('是表达式，不允许', 'is an expression, which is not allowed');
  } else if (!TIMER_KINDS[kind].valid(value)) {
    fail('格式无效', 'is not valid');
  }
}
