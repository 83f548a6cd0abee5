import type { Database } from '../database/Database.js';
import type { Logger } from '../logging/createLogger.js';
import type { PersonalDataCipher } from '../security/PersonalDataCipher.js';
import { openName, sealName } from './residentName.js';

/** Residents sealed per transaction. */
export const SEAL_BATCH = 500;

/**
 * A start step (it needs the data key, which migrations do not have): residents whose name an
 * earlier version stored in clear (`name`, `name_initials`, before migration 0012) get the
 * encrypted name and its blind index, and the clear columns are emptied. Batches of `batchSize`,
 * each its own transaction, rows locked with SKIP LOCKED: an interrupted run resumes where it
 * stopped and several engines starting at once share the work; once every row is sealed it finds
 * nothing (through a partial index) and does nothing. When it sealed any, the subjects table and
 * pg_statistic are rewritten (VACUUM FULL, ANALYZE), so that neither the old row versions nor the
 * planner's samples keep the names in the database files.
 */
export async function sealResidentNames(
  database: Database,
  cipher: PersonalDataCipher,
  logger: Logger,
  options: { batchSize?: number } = {},
): Promise<{ sealed: number }> {
  const { sequelize } = database;
  const batchSize = options.batchSize ?? SEAL_BATCH;
  let sealed = 0;
  for (;;) {
    const count = await database.transaction(async (transaction) => {
      const [rows] = await sequelize.query(
        `SELECT id, name, name_enc FROM subjects
         WHERE name IS NOT NULL OR name_initials IS NOT NULL
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        { bind: [batchSize], transaction },
      );
      const batch = rows as { id: string; name: string | null; name_enc: string | null }[];
      if (!batch.length) return 0;
      const columns = batch.map((row) => sealName(cipher, openName(cipher, row)));
      await sequelize.query(
        `UPDATE subjects s SET name = NULL, name_initials = NULL, name_enc = t.enc,
           name_lookup = string_to_array(t.lookup, ',')
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, enc, lookup)
         WHERE s.id = t.id`,
        {
          bind: [
            batch.map((row) => row.id),
            columns.map((c) => c.nameEnc),
            columns.map((c) => c.nameLookup.join(',')),
          ],
          transaction,
        },
      );
      return batch.length;
    });
    if (!count) break;
    sealed += count;
    logger.info({ sealed }, 'resident names: encrypting the names stored in clear');
  }
  if (sealed) {
    // Rewrites the table without the old row versions, and replaces the planner's statistics
    // (whose samples held names); then rewrites pg_statistic without its old rows.
    await sequelize.query('VACUUM (FULL, ANALYZE) subjects');
    await sequelize.query('VACUUM FULL pg_statistic');
    logger.info(
      { sealed },
      'resident names encrypted: no name or initials left in clear in the subjects table',
    );
  }
  return { sealed };
}
