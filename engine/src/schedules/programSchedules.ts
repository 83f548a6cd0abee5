import { isScheduleV2, parameterValues, type ScheduleV2 } from '@formwork/definitions';
import type { Release } from '../specs/Release.js';

/** A schedule a programme's enrollments run on a release, with what it reads. */
export interface RunningSchedule {
  schedule: ScheduleV2;
  /** Form keys whose submissions it reads: its form sources and the forms named like its facts. */
  forms: ReadonlySet<string>;
  /** The facts it reads (`from: "fact"`): each is the submissions of the form of that key. */
  facts: readonly string[];
  /** Whether an occurrence counts from the start of the year (recomputed each 1 January). */
  yearly: boolean;
}

const cache = new WeakMap<Release, Map<string, RunningSchedule[]>>();
const parameterCache = new WeakMap<Release, Record<string, unknown>>();

/**
 * The schedules (model 2) that run for enrollments of `program` on a release: those of the base
 * whose form belongs to the programme (`release.programs`, from the spec's schedules). Which
 * records a schedule reads is its own declaration: a form source names the form, and a fact is
 * read from the submissions of the release's form of the same key (a province that adds a
 * `health-check` form gets its health checks counted) — no form or field is named here.
 */
export function schedulesFor(release: Release, program: string): RunningSchedule[] {
  let byProgram = cache.get(release);
  if (!byProgram) cache.set(release, (byProgram = new Map()));
  let running = byProgram.get(program);
  if (!running) {
    running = Object.values(release.usage?.schedules ?? {})
      .filter(isScheduleV2)
      .filter((s) => release.programs[s.form] === program)
      .map((schedule) => describe(release, schedule));
    byProgram.set(program, running);
  }
  return running;
}

function describe(release: Release, schedule: ScheduleV2): RunningSchedule {
  const forms = new Set<string>();
  const facts = new Set<string>();
  for (const sources of Object.values(schedule.records))
    for (const source of sources ?? []) {
      if (source.from === 'form' && source.key) forms.add(source.key);
      if (source.from === 'fact' && source.key) {
        facts.add(source.key);
        if (Object.hasOwn(release.spec.forms, source.key)) forms.add(source.key);
      }
    }
  const yearly = schedule.occurrences.some(
    (o) => schedule.anchors[o.anchor]?.kind === 'year-start',
  );
  return { schedule, forms, facts: [...facts], yearly };
}

/** The release's effective parameter values (a province's overrides included), once per release. */
export function releaseParameters(release: Release): Record<string, unknown> {
  let values = parameterCache.get(release);
  if (!values) parameterCache.set(release, (values = parameterValues(release.spec.parameters)));
  return values;
}
