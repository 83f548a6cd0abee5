import type { Anchors } from './anchors.js';
import type { DueSuggestion } from './dueTypes.js';
import type { RecordSets } from './recordSets.js';
import type { ScheduleContext } from './scheduleContext.js';

/**
 * The suggestions that hold today. Each sees the latest `recent` records of its set, latest
 * first, as `recent.0`, `recent.1`, … (a missing one reads as null, so "the last two visits were
 * uncontrolled" is false after a single visit). A suggestion is withdrawn once its `resolvedBy`
 * anchor (e.g. the latest referral) falls on or after the latest of those records — a referral
 * recorded on that very visit included. Whether it starts its workflow without asking is
 * `startsAutomatically` (a province parameter).
 */
export function scheduleSuggestions(
  context: ScheduleContext,
  sets: RecordSets,
  anchors: Anchors,
): DueSuggestion[] {
  const result: DueSuggestion[] = [];
  for (const [index, suggestion] of (context.schedule.suggestions ?? []).entries()) {
    const path = `/suggestions/${index}`;
    const recent = sets.get(suggestion.records).slice(-suggestion.recent).reverse();
    const latest = recent[0];
    if (!latest) continue;
    const data = context.data(null, { recent: recent.map((r) => r.data) });
    if (!context.holds(suggestion.when, data, `${path}/when`, latest.id)) continue;
    if (suggestion.resolvedBy !== undefined) {
      const resolved = anchors.get(suggestion.resolvedBy);
      if (
        resolved &&
        (resolved.day > latest.day ||
          (resolved.day === latest.day && (resolved.record?.seq ?? Infinity) >= latest.seq))
      )
        continue;
    }
    result.push({
      id: suggestion.id,
      title: suggestion.title,
      workflow: suggestion.workflow,
      startsAutomatically: context.flag(
        suggestion.startsAutomatically,
        `${path}/startsAutomatically`,
      ),
      basedOn: recent.map((r) => r.id),
      since: latest.date,
    });
  }
  return result;
}
