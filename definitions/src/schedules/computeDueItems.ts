import type { Schedule } from '../types/generated.js';
import { Anchors } from './anchors.js';
import { toDayNumber } from '../rules/dates.js';
import type { DueInput, DueItem, DueOptions, DueResult } from './dueTypes.js';
import { occurrenceItem } from './occurrenceItem.js';
import { RecordSets } from './recordSets.js';
import { ScheduleContext } from './scheduleContext.js';
import { scheduleEnd } from './scheduleEnd.js';
import { ScheduleError } from './ScheduleError.js';
import { isScheduleV2 } from './scheduleModel.js';
import { scheduleSuggestions } from './scheduleSuggestions.js';

const OPEN = new Set<DueItem['status']>(['upcoming', 'due-soon', 'overdue']);

/**
 * Where one enrollment stands on one schedule today (`input.clock`): every occurrence that
 * applies with its window, due date, due-soon and overdue dates and status, the next open item,
 * the suggestions that hold — or the end and its reason, when the schedule has ended. Pure and
 * deterministic: the same input gives the same answer in the browser and on the server. The
 * schedule should have passed checkSchedule; a rule that throws or a parameter missing from
 * `input.parameters` raises a ScheduleError (never read as "nothing due").
 *
 * With `options.history`, the items also hold the occurrences a later record has moved on from
 * that were done: for each `latest` record anchor, every earlier record of its set dated from
 * `history.anchorsFrom` on (one per date, not the current anchor's date) gives the item it had,
 * kept when done on or after `history.doneFrom` — what a worklist's "done this period" lists,
 * whatever order the records came in. `next` is never one of them.
 */
export function computeDueItems(
  schedule: Schedule,
  input: DueInput,
  options: DueOptions = {},
): DueResult {
  if (!isScheduleV2(schedule))
    throw new ScheduleError(schedule.id, '', {
      zh: '第一版随访计划（3.0.0）不能计算到期项：其锚点未说明日期取自哪个字段',
      en: 'a schedule of the first model (3.0.0) cannot be computed: its anchors do not say which field holds a date',
    });
  const context = new ScheduleContext(schedule, input);
  const sets = new RecordSets(context);
  const anchors = new Anchors(context, sets);
  const ended = scheduleEnd(context, sets);
  if (ended)
    return {
      schedule: schedule.id,
      today: context.today,
      ended,
      items: [],
      next: null,
      suggestions: [],
    };

  const entries = schedule.occurrences.map((occurrence, index) => ({
    item: occurrenceItem(context, sets, anchors, occurrence, index),
    index,
  }));
  const { history } = options;
  if (history) {
    const anchorsFrom = toDayNumber(history.anchorsFrom);
    const doneFrom = toDayNumber(history.doneFrom);
    if (anchorsFrom === null || doneFrom === null)
      throw context.error('', {
        zh: `历史起始日期无效：${history.anchorsFrom}、${history.doneFrom}`,
        en: `the history's dates are not dates: ${history.anchorsFrom}, ${history.doneFrom}`,
      });
    schedule.occurrences.forEach((occurrence, index) => {
      for (const earlier of anchors.superseded(occurrence.anchor, anchorsFrom)) {
        const item = occurrenceItem(context, sets, { get: () => earlier }, occurrence, index);
        if (
          item?.status === 'done' &&
          item.doneOn !== null &&
          toDayNumber(item.doneOn)! >= doneFrom
        )
          entries.push({ item, index });
      }
    });
  }
  const items = entries
    .filter((entry): entry is { item: DueItem; index: number } => entry.item !== null)
    .sort((a, b) =>
      a.item.dueDate < b.item.dueDate
        ? -1
        : a.item.dueDate > b.item.dueDate
          ? 1
          : a.index - b.index || (a.item.anchor.date < b.item.anchor.date ? -1 : 1),
    )
    .map((entry) => entry.item);
  return {
    schedule: schedule.id,
    today: context.today,
    ended: null,
    items,
    next: items.find((item) => OPEN.has(item.status)) ?? null,
    suggestions: scheduleSuggestions(context, sets, anchors),
  };
}
