import { fromDayNumber } from '../rules/dates.js';
import type { ScheduleOccurrence } from '../types/generated.js';
import { applyOffset, dayOf } from './applyOffset.js';
import type { ResolvedAnchor } from './anchors.js';
import type { DueItem, DueStatus } from './dueTypes.js';
import { isAfter, type RecordSets } from './recordSets.js';
import type { ScheduleContext } from './scheduleContext.js';
import { nextWorkingDay } from './workCalendar.js';

/** Where an occurrence finds its anchor: the schedule's anchors, or one given (dueItemAt). */
export interface AnchorSource {
  get(id: string): ResolvedAnchor | null;
}

/**
 * One occurrence as it stands today, or null when it does not apply (no anchor date, or its
 * `when` does not hold on the anchor record).
 *
 * The window runs from the anchor date + `window.start` to + `window.end`, both days included;
 * the due date is + `due` (default the window's end). A record satisfies it when it is in the
 * `satisfiedBy` set, its `where` holds, it comes after the anchor (a later date, or the anchor's
 * date and recorded after the anchor record: an uncontrolled visit is not its own recheck, the
 * first prenatal visit that gave the LMP is after it), and it is dated from the window's start up
 * to the expiry (+ `expires`, default never): so a phone
 * visit never closes an item that only face-to-face visits satisfy, and a visit before the
 * window opens is not the visit of that window. It is done once `count` records (default 1)
 * satisfy it; otherwise, today, it is missed after the expiry, overdue from the day after the
 * window's end + the overdue threshold, due soon from the due date − the due-soon threshold,
 * and upcoming before that.
 *
 * With `workingDays` (the occurrence's, else the schedule's), the window's end, the due date and
 * the expiry each move off a weekend or holiday of the schedule's calendar to the next working
 * day; the due-soon and overdue dates follow from the moved dates.
 */
export function occurrenceItem(
  context: ScheduleContext,
  sets: RecordSets,
  anchors: AnchorSource,
  occurrence: ScheduleOccurrence,
  index: number,
): DueItem | null {
  const { schedule } = context;
  const path = `/occurrences/${index}`;
  const anchor = anchors.get(occurrence.anchor);
  if (!anchor) return null;
  const anchorData = context.data(anchor.record?.data ?? null, { anchor: { date: anchor.date } });
  if (!context.holds(occurrence.when, anchorData, `${path}/when`, anchor.record?.id ?? null))
    return null;

  const workingDays = context.flag(
    occurrence.workingDays ?? schedule.workingDays,
    occurrence.workingDays === undefined ? '/workingDays' : `${path}/workingDays`,
  );
  const onWorkingDay = (date: string) =>
    workingDays ? fromDayNumber(nextWorkingDay(context.calendar(), dayOf(date)))! : date;
  const at = (offset: NonNullable<ScheduleOccurrence['due']>, where: string) =>
    applyOffset(context, anchor.date, offset, `${path}/${where}`);
  const windowStart = at(occurrence.window.start, 'window/start');
  const windowEnd = onWorkingDay(at(occurrence.window.end, 'window/end'));
  const dueDate = occurrence.due ? onWorkingDay(at(occurrence.due, 'due')) : windowEnd;
  const expiresOn = occurrence.expires ? onWorkingDay(at(occurrence.expires, 'expires')) : null;
  const dueSoonDays = context.number(
    occurrence.dueSoonDays ?? schedule.reminders.dueSoonDays,
    occurrence.dueSoonDays === undefined ? '/reminders/dueSoonDays' : `${path}/dueSoonDays`,
  );
  const overdueDays = context.number(
    occurrence.overdueDays ?? schedule.reminders.overdueDays,
    occurrence.overdueDays === undefined ? '/reminders/overdueDays' : `${path}/overdueDays`,
  );
  const dueSoonDate = fromDayNumber(dayOf(dueDate) - dueSoonDays)!;
  const overdueDate = fromDayNumber(dayOf(windowEnd) + overdueDays + 1)!;

  const { satisfiedBy } = occurrence;
  const required = satisfiedBy.count
    ? context.number(satisfiedBy.count, `${path}/satisfiedBy/count`)
    : 1;
  const [startDay, expiryDay] = [dayOf(windowStart), expiresOn ? dayOf(expiresOn) : Infinity];
  const counting = sets
    .get(satisfiedBy.records)
    .filter(
      (r) =>
        r.day >= startDay &&
        r.day <= expiryDay &&
        (anchor.record
          ? isAfter(r, { day: anchor.day, seq: anchor.record.seq })
          : r.day >= anchor.day) &&
        context.holds(satisfiedBy.where, context.data(r.data), `${path}/satisfiedBy/where`, r.id),
    );
  const done = counting.length >= required;

  let status: DueStatus;
  if (done) status = 'done';
  else if (expiresOn && context.todayDay > dayOf(expiresOn)) status = 'missed';
  else if (context.todayDay >= dayOf(overdueDate)) status = 'overdue';
  else if (context.todayDay >= dayOf(dueSoonDate)) status = 'due-soon';
  else status = 'upcoming';

  return {
    schedule: schedule.id,
    occurrence: occurrence.id,
    title: occurrence.title,
    form: occurrence.form ?? schedule.form,
    anchor: { id: anchor.id, date: anchor.date, record: anchor.record?.id ?? null },
    windowStart,
    windowEnd,
    dueDate,
    dueSoonDate,
    overdueDate,
    expiresOn,
    status,
    required,
    counted: counting.length,
    doneOn: done && required > 0 ? counting[required - 1]!.date : null,
    doneBy: counting.map((r) => r.id),
  };
}
