/**
 * Loads what an engine stored without outbox events (the seed generator writes residents,
 * enrollments and submissions straight into the database) through the real RecordLoader: each
 * stored submission as the `submission.created` event that would have carried it (its newest
 * revision), then every enrollment as an `enrollment.created` event, so enrollments without a
 * visit reach the denominators too. Page by page in id order, as a backfill reads.
 */
import type { OutboxEvent, ReadModel } from '@formwork/engine/plugin-api';
import type { RecordLoader } from '../loading/RecordLoader.js';

export interface LoadedCounts {
  submissions: number;
  enrollments: number;
}

const PAGE = 2_000;

export async function loadStored(
  readModel: ReadModel,
  loader: Pick<RecordLoader, 'load'>,
): Promise<LoadedCounts> {
  const counts: LoadedCounts = { submissions: 0, enrollments: 0 };
  let serial = 0;
  const event = (
    topic: string,
    aggregateId: string,
    version: number,
    payload: Record<string, unknown>,
    createdAt: string,
  ): OutboxEvent => ({
    position: { txId: '0', id: String(++serial) },
    topic,
    aggregateId,
    aggregateVersion: version,
    payload,
    createdAt,
  });
  for (let after: string | undefined; ;) {
    const page = await readModel.submissions({ limit: PAGE, ...(after ? { after } : {}) });
    if (!page.length) break;
    await loader.load(
      page.map((s) => event('submission.created', s.submissionId, s.revision, { ...s }, s.at)),
    );
    counts.submissions += page.length;
    after = page[page.length - 1]!.submissionId;
  }
  for (let after: string | undefined; ;) {
    const page = await readModel.enrollments({ limit: PAGE, ...(after ? { after } : {}) });
    if (!page.length) break;
    await loader.load(
      page.map((e) =>
        event(
          'enrollment.created',
          e.id,
          e.version,
          { enrollmentId: e.id, subjectId: e.subjectId },
          new Date(0).toISOString(),
        ),
      ),
    );
    counts.enrollments += page.length;
    after = page[page.length - 1]!.id;
  }
  return counts;
}
