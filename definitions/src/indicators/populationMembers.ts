import type { Population } from '../types/generated.js';
import type { IndicatorRecord, IndicatorSubject } from './IndicatorInput.js';
import { activeIn, type DayRange } from './period.js';

/** A candidate member of a population, with the records its facts read. */
export interface Candidate {
  subject: IndicatorSubject;
  enrollmentId: string | null;
  records: readonly IndicatorRecord[];
  /** Whether it is in the period already (active enrollment), or waits for `placedBy`. */
  placedByActivity: boolean;
}

/**
 * The candidates of a population before placement and weight:
 * - of subjects: each resident with an enrollment of the program active in the period, with
 *   all their submissions;
 * - of enrollments: each enrollment of the program, with the submissions recorded under it;
 *   without `placedBy` only those active in the period.
 */
export function populationCandidates(
  population: Population,
  subjects: readonly IndicatorSubject[],
  range: DayRange,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const subject of subjects) {
    const enrollments = subject.enrollments.filter((e) => e.program === population.program);
    if (population.of === 'subjects') {
      if (enrollments.some((e) => activeIn(e, range)))
        candidates.push({
          subject,
          enrollmentId: null,
          records: subject.submissions,
          placedByActivity: true,
        });
      continue;
    }
    for (const enrollment of enrollments) {
      const placedByActivity = population.placedBy === undefined;
      if (placedByActivity && !activeIn(enrollment, range)) continue;
      candidates.push({
        subject,
        enrollmentId: enrollment.id,
        records: subject.submissions.filter((s) => s.enrollmentId === enrollment.id),
        placedByActivity,
      });
    }
  }
  return candidates;
}
