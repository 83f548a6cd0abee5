import type { Sequelize } from 'sequelize';

/**
 * Where personal data could be read without the key, for tests that prove it is not there.
 * `tableColumnsHolding`: every text, varchar, json and jsonb column of the public schema whose
 * value contains one of `needles` (as `table.column`).
 */
export async function tableColumnsHolding(
  sequelize: Sequelize,
  needles: readonly string[],
): Promise<string[]> {
  const [columns] = await sequelize.query(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public'
       AND (data_type IN ('text', 'character varying', 'jsonb', 'json') OR udt_name = '_text')`,
  );
  const list = columns as { table_name: string; column_name: string }[];
  if (list.length < 10) throw new Error(`only ${list.length} text columns: the query is wrong`);
  const hits: string[] = [];
  for (const { table_name, column_name } of list) {
    const [rows] = await sequelize.query(
      `SELECT count(*)::int AS n FROM "${table_name}"
       WHERE "${column_name}"::text LIKE ANY($1::text[])`,
      { bind: [needles.map((needle) => `%${needle}%`)] },
    );
    if ((rows as { n: number }[])[0]!.n) hits.push(`${table_name}.${column_name}`);
  }
  return hits;
}

/**
 * The relations of the database (tables, indexes, TOAST, catalogs such as pg_statistic) whose
 * data file holds one of `needles` in UTF-8, after a checkpoint wrote every page to disk: what a
 * copy of the data directory would give away, old row versions included. Not the WAL.
 */
export async function databaseFilesHolding(
  sequelize: Sequelize,
  needles: readonly string[],
): Promise<string[]> {
  await sequelize.query('CHECKPOINT');
  const [rows] = await sequelize.query(
    `SELECT DISTINCT c.oid::regclass::text AS relation
     FROM pg_class c CROSS JOIN unnest($1::text[]) AS n(needle)
     WHERE pg_relation_filepath(c.oid) IS NOT NULL AND pg_relation_size(c.oid) > 0
       AND position(convert_to(n.needle, 'UTF8') IN coalesce(
         pg_read_binary_file(pg_relation_filepath(c.oid), 0, pg_relation_size(c.oid), true),
         ''::bytea)) > 0
     ORDER BY 1`,
    { bind: [needles] },
  );
  const [[files]] = (await sequelize.query(
    'SELECT count(*)::int AS n FROM pg_class WHERE pg_relation_size(oid) > 0',
  )) as [{ n: number }[], unknown];
  if (files!.n < 50) throw new Error(`only ${files!.n} relation files: the query is wrong`);
  return (rows as { relation: string }[]).map((r) => r.relation);
}
