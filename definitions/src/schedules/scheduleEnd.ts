import { fromDayNumber, toDayNumber } from '../rules/dates.js';
import type { DueEnd } from './dueTypes.js';
import type { RecordSets } from './recordSets.js';
import type { ScheduleContext } from './scheduleContext.js';

/**
 * Whether the schedule has ended, and why: the first of its `ends` whose `when` holds on the
 * latest record of its set (or, with `on: "any"`, on any record: a death recorded on an earlier
 * visit still ends it), dated by its `date` rule or the record's date; else an enrollment that
 * ended on or before today (its own reason). A resident lost to follow-up who is seen again has
 * a later visit, so the schedule resumes.
 */
export function scheduleEnd(context: ScheduleContext, sets: RecordSets): DueEnd | null {
  for (const [index, end] of (context.schedule.ends ?? []).entries()) {
    const path = `/ends/${index}`;
    const set = sets.get(end.records);
    const candidates = end.on === 'any' ? [...set].reverse() : set.slice(-1);
    for (const record of candidates) {
      const data = context.data(record.data);
      if (!context.holds(end.when, data, `${path}/when`, record.id)) continue;
      let date: string | null = record.date;
      if (end.date !== undefined) {
        const day = toDayNumber(context.evaluate(end.date, data, `${path}/date`, record.id));
        date = day === null ? null : fromDayNumber(day);
      }
      return { id: end.id, reason: end.reason, date, record: record.id };
    }
  }
  const { endedOn, endReason } = context.input.enrollment;
  const endedDay = toDayNumber(endedOn ?? null);
  if (endedDay !== null && endedDay <= context.todayDay) {
    const reason = endReason ?? '';
    return {
      id: 'enrollment-ended',
      reason: {
        zh: reason ? `管理已结束：${reason}` : '管理已结束',
        en: reason ? `enrollment ended: ${reason}` : 'enrollment ended',
      },
      date: fromDayNumber(endedDay),
      record: null,
    };
  }
  return null;
}
