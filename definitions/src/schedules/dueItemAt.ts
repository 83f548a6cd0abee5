import type { Schedule } from '../types/generated.js';
import { fromDayNumber, toDayNumber } from '../rules/dates.js';
import type { ResolvedAnchor } from './anchors.js';
import type { DueInput, DueItem } from './dueTypes.js';
import { occurrenceItem } from './occurrenceItem.js';
import { RecordSets } from './recordSets.js';
import { ScheduleContext } from './scheduleContext.js';
import { ScheduleError } from './ScheduleError.js';
import { isScheduleV2 } from './scheduleModel.js';

/**
 * One occurrence counted from a given anchor rather than from the anchor the schedule would pick
 * today: the item a referral's follow-up has from the referral a workflow names, or the item an
 * earlier anchor had before a later record moved it (was that quarterly visit done, or only
 * replaced?). The window, due date, thresholds and status are computed as computeDueItems does;
 * the records that count come after the anchor record (when `record` names one of the anchor's
 * set) or are dated on or after the anchor date. The schedule's ends are not looked at: ask
 * computeDueItems whether the schedule still runs. Null when the occurrence's `when` does not
 * hold on that anchor; a ScheduleError when there is no such occurrence.
 */
export function dueItemAt(
  schedule: Schedule,
  input: DueInput,
  occurrenceId: string,
  anchor: { date: string; record?: string | null },
): DueItem | null {
  if (!isScheduleV2(schedule))
    throw new ScheduleError(schedule.id, '', {
      zh: '第一版随访计划（3.0.0）不能计算到期项：其锚点未说明日期取自哪个字段',
      en: 'a schedule of the first model (3.0.0) cannot be computed: its anchors do not say which field holds a date',
    });
  const context = new ScheduleContext(schedule, input);
  const index = schedule.occurrences.findIndex((o) => o.id === occurrenceId);
  if (index < 0)
    throw context.error('/occurrences', {
      zh: `没有名为 ${occurrenceId} 的到期项`,
      en: `there is no occurrence named ${occurrenceId}`,
    });
  const occurrence = schedule.occurrences[index]!;
  const day = toDayNumber(anchor.date);
  if (day === null)
    throw context.error(`/occurrences/${index}/anchor`, {
      zh: `锚点日期无效：${anchor.date}`,
      en: `the anchor date is not a date: ${anchor.date}`,
    });
  const sets = new RecordSets(context);
  const definition = schedule.anchors[occurrence.anchor];
  const record =
    anchor.record && definition?.kind === 'record' && definition.records
      ? (sets.get(definition.records).find((r) => r.id === anchor.record) ?? null)
      : null;
  const date = fromDayNumber(day)!;
  const resolved: ResolvedAnchor = { id: occurrence.anchor, date, day, record };
  return occurrenceItem(context, sets, { get: () => resolved }, occurrence, index);
}
