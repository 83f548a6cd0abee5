import { toDayNumber } from '../rules/dates.js';
import type { DatedRecord, RecordSets } from './recordSets.js';
import type { ScheduleContext } from './scheduleContext.js';

/** An anchor's date today, and the record that gave it (null for the start of the year). */
export interface ResolvedAnchor {
  id: string;
  date: string;
  day: number;
  record: DatedRecord | null;
}

/**
 * The schedule's named anchors, resolved on first use. `record` anchors take the latest
 * (default), earliest or preferred record of their set where their `where` holds — preferred
 * is the latest record of the first source, in the set's order, that has one (an LMP from the
 * first prenatal visit before the one given at enrollment). `year-start` is 1 January of today's
 * year. No record, no anchor: its occurrences are not due.
 */
export class Anchors {
  private readonly resolved = new Map<string, ResolvedAnchor | null>();

  constructor(
    private readonly context: ScheduleContext,
    private readonly sets: RecordSets,
  ) {}

  get(id: string): ResolvedAnchor | null {
    if (!this.resolved.has(id)) this.resolved.set(id, this.resolve(id));
    return this.resolved.get(id)!;
  }

  /**
   * The earlier anchors a `latest` record anchor had before later records moved it: every
   * record of its set where its `where` holds but the latest, dated on or after `from`, oldest
   * first — one per date (the last recorded that day). Empty for year-start, earliest and
   * preferred anchors, whose anchor does not move on with each record.
   */
  superseded(id: string, from: number): ResolvedAnchor[] {
    const { context } = this;
    const anchor = context.schedule.anchors[id];
    if (!anchor || anchor.kind !== 'record' || anchor.records === undefined) return [];
    if (anchor.pick === 'earliest' || anchor.pick === 'preferred') return [];
    const candidates = this.sets
      .get(anchor.records)
      .filter((r) =>
        context.holds(anchor.where, context.data(r.data), `/anchors/${id}/where`, r.id),
      );
    const current = candidates.at(-1);
    const byDay = new Map<number, DatedRecord>();
    for (const record of candidates.slice(0, -1))
      if (record.day >= from && record.day !== current?.day) byDay.set(record.day, record);
    return [...byDay.values()].map((record) => ({
      id,
      date: record.date,
      day: record.day,
      record,
    }));
  }

  private resolve(id: string): ResolvedAnchor | null {
    const { context } = this;
    const anchor = context.schedule.anchors[id];
    const path = `/anchors/${id}`;
    if (!anchor)
      throw context.error(path, {
        zh: `没有名为 ${id} 的锚点`,
        en: `there is no anchor named ${id}`,
      });
    if (anchor.kind === 'year-start') {
      const date = `${context.today.slice(0, 4)}-01-01`;
      return { id, date, day: toDayNumber(date)!, record: null };
    }
    if (anchor.records === undefined)
      throw context.error(path, { zh: '锚点未指明记录集', en: 'the anchor names no record set' });
    const candidates = this.sets
      .get(anchor.records)
      .filter((r) => context.holds(anchor.where, context.data(r.data), `${path}/where`, r.id));
    let record: DatedRecord | undefined;
    if (anchor.pick === 'earliest') record = candidates[0];
    else if (anchor.pick === 'preferred') {
      const first = Math.min(...candidates.map((r) => r.source));
      record = candidates.filter((r) => r.source === first).at(-1);
    } else record = candidates.at(-1);
    return record ? { id, date: record.date, day: record.day, record } : null;
  }
}
