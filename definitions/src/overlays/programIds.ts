import type { Indicator } from '../types/generated.js';
import type { BaseSpec } from './BaseSpec.js';

/**
 * Every programme id a spec knows: those it declares (`programs`) and those its schedules and
 * indicators name (a base that declares none, such as national-phs, has the programmes its
 * schedules run and its indicators count: hypertension, diabetes, maternal, pregnancy...).
 * An overlay's schedule or indicator must name one of them; its `add-program` must use none.
 */
export function programIds(spec: BaseSpec): Set<string> {
  const ids = new Set(Object.keys(spec.programs ?? {}));
  for (const schedule of Object.values(spec.schedules ?? {})) ids.add(schedule.program);
  for (const indicator of Object.values(spec.indicators ?? {}))
    for (const id of indicatorPrograms(indicator)) ids.add(id);
  return ids;
}

/** The programmes an indicator counts over (its denominator's, and a filter's numerator's). */
export function indicatorPrograms(indicator: Indicator): string[] {
  const parts: unknown[] = [
    indicator.denominator,
    (indicator as { numerator?: unknown }).numerator,
  ];
  return parts.flatMap((part) => {
    const program = (part as { program?: unknown } | undefined)?.program;
    return typeof program === 'string' ? [program] : [];
  });
}

/**
 * The programme each form belongs to, as the spec says it: a declared programme's `forms`, else
 * the programme of the schedule naming the form.
 */
export function formPrograms(spec: BaseSpec): Map<string, string> {
  const owners = new Map<string, string>();
  for (const schedule of Object.values(spec.schedules ?? {}))
    owners.set(schedule.form, schedule.program);
  for (const program of Object.values(spec.programs ?? {}))
    for (const form of program.forms) owners.set(form, program.id);
  return owners;
}
