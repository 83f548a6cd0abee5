import { ruleVariables } from '../rules/ruleVariables.js';
import type { Schedule, ScheduleV2 } from '../types/generated.js';
import { isReservedPath, stripRecent } from './recordPaths.js';
import { isScheduleV2 } from './scheduleModel.js';

/**
 * The data paths (JSON pointers, '*' for a dynamic one) of form `formKey` that a schedule's
 * rules read: the date and `where` of the sources of that form, and every rule applied to the
 * records of a set holding that form — anchors' `where`, the `when` of occurrences counting from
 * such an anchor, `satisfiedBy.where`, ends, and suggestions (through `recent.N.`). A rule over
 * a set mixing forms is counted for each of them. The first model (3.0.0) reads its form's data
 * in the occurrences' `when` and `offset`.
 */
export function scheduleFieldReads(schedule: Schedule, formKey: string): Set<string> {
  const rules: unknown[] = [];
  if (!isScheduleV2(schedule)) {
    if (schedule.form === formKey)
      for (const o of schedule.occurrences) rules.push(o.when, o.offset);
  } else rules.push(...rulesOverForm(schedule, formKey));
  const found = new Set<string>();
  for (const rule of rules) {
    if (rule === undefined) continue;
    for (const variable of ruleVariables(rule)) {
      const path = stripRecent(variable);
      if (path !== '' && !isReservedPath(path)) found.add(path);
    }
  }
  return found;
}

function rulesOverForm(schedule: ScheduleV2, formKey: string): unknown[] {
  const rules: unknown[] = [];
  const sets = new Set<string>();
  for (const [name, sources] of Object.entries(schedule.records)) {
    for (const source of sources ?? []) {
      if (source.from !== 'form' || source.key !== formKey) continue;
      sets.add(name);
      rules.push(source.date, source.where);
    }
  }
  const anchors = new Set<string>();
  for (const [name, anchor] of Object.entries(schedule.anchors)) {
    if (anchor?.kind !== 'record' || anchor.records === undefined || !sets.has(anchor.records))
      continue;
    anchors.add(name);
    rules.push(anchor.where);
  }
  for (const o of schedule.occurrences) {
    if (anchors.has(o.anchor)) rules.push(o.when);
    if (sets.has(o.satisfiedBy.records)) rules.push(o.satisfiedBy.where);
  }
  for (const end of schedule.ends ?? []) if (sets.has(end.records)) rules.push(end.when, end.date);
  for (const s of schedule.suggestions ?? []) if (sets.has(s.records)) rules.push(s.when);
  return rules;
}
