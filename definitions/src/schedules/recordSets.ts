import { fromDayNumber, toDayNumber } from '../rules/dates.js';
import type { ScheduleRecordSource } from '../types/generated.js';
import { enrollmentView, type ScheduleContext } from './scheduleContext.js';

/** A record of a set, dated by its source's `date` rule. */
export interface DatedRecord {
  id: string;
  /** Index of its source in the set. */
  source: number;
  /** Order of recording: the enrollment −1, submissions by their index, facts after them. */
  seq: number;
  date: string;
  day: number;
  data: Readonly<Record<string, unknown>>;
}

/** Ascending by date, then by order of recording. */
export const byDate = (a: DatedRecord, b: DatedRecord) => a.day - b.day || a.seq - b.seq;

/** Whether `record` comes after `than` (later date, or the same date and recorded later). */
export const isAfter = (record: DatedRecord, than: { day: number; seq: number }) =>
  record.day > than.day || (record.day === than.day && record.seq > than.seq);

/**
 * The schedule's named record sets for one input, built on first use: each source's records
 * (a form's submissions, a named fact, or the enrollment), kept where the source's `where`
 * holds and its `date` rule gives a date — a record without a date is in no window.
 */
export class RecordSets {
  private readonly sets = new Map<string, DatedRecord[]>();
  private readonly factSeq = new Map<string, number>();

  constructor(private readonly context: ScheduleContext) {
    let seq = context.input.records.length;
    for (const [name, facts] of Object.entries(context.input.facts ?? {})) {
      this.factSeq.set(name, seq);
      seq += facts.length;
    }
  }

  /** The records of set `name`, ascending (see byDate). */
  get(name: string): DatedRecord[] {
    let set = this.sets.get(name);
    if (!set) {
      const sources = this.context.schedule.records[name];
      if (!sources)
        throw this.context.error(`/records/${name}`, {
          zh: `没有名为 ${name} 的记录集`,
          en: `there is no record set named ${name}`,
        });
      set = sources
        .flatMap((source, i) => this.fromSource(source, i, `/records/${name}/${i}`))
        .sort(byDate);
      this.sets.set(name, set);
    }
    return set;
  }

  private fromSource(source: ScheduleRecordSource, index: number, path: string): DatedRecord[] {
    const { input } = this.context;
    const raw: { id: string; seq: number; data: Readonly<Record<string, unknown>> }[] =
      source.from === 'form'
        ? input.records.flatMap((r, seq) =>
            r.form === source.key ? [{ id: r.id, seq, data: r.data }] : [],
          )
        : source.from === 'fact'
          ? (input.facts?.[source.key ?? ''] ?? []).map((f, i) => ({
              id: f.id,
              seq: (this.factSeq.get(source.key ?? '') ?? 0) + i,
              data: f.data,
            }))
          : [{ id: 'enrollment', seq: -1, data: enrollmentView(input) }];
    const result: DatedRecord[] = [];
    for (const record of raw) {
      const data = this.context.data(record.data);
      if (!this.context.holds(source.where, data, `${path}/where`, record.id)) continue;
      const day = toDayNumber(this.context.evaluate(source.date, data, `${path}/date`, record.id));
      const date = day === null ? null : fromDayNumber(day);
      if (day === null || date === null) continue;
      result.push({ id: record.id, source: index, seq: record.seq, date, day, data: record.data });
    }
    return result;
  }
}
