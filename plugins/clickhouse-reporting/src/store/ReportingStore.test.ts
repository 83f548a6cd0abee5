/**
 * The reporting tables across plugin versions: tables an older version made are dropped and made
 * again in the new form (the backfill then reloads them from the engine's database); tables of
 * this version are kept as they are.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../engine/src/logging/createLogger.js';
import { ReportingStore } from './ReportingStore.js';
import { SCHEMA_VERSION } from './schema.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-reporting-store-'));
const open = async () => {
  const store = new ReportingStore({
    url: undefined,
    dataDir: () => dataDir,
    logger: createLogger('silent'),
  });
  await store.start();
  expect(store.status()).toMatchObject({ available: true });
  return store;
};
const rows = async (store: ReportingStore, sql: string) =>
  (await store.client.query({ query: sql, format: 'JSONEachRow' })).json<Record<string, unknown>>();

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the reporting tables of an older plugin', () => {
  it('given records in the first version’s layout and a backfill marked done, when this version opens the store, then the tables are made again, empty, and the backfill state is gone so it runs again', async () => {
    let store = await open();
    // What the first version left: its records table, a loaded row, a finished backfill, no version.
    await store.client.command({ query: 'DROP TABLE schema_version' });
    await store.client.command({ query: 'DROP TABLE records' });
    await store.client.command({
      query: `CREATE TABLE records (submission_id String, revision UInt32, fields Map(String, String))
        ENGINE = ReplacingMergeTree(revision) ORDER BY submission_id`,
    });
    await store.client.command({ query: "INSERT INTO records VALUES ('s1', 1, {'sbp': '140'})" });
    await store.client.command({
      query: 'CREATE TABLE load_state (name String, done UInt8) ENGINE = MergeTree ORDER BY name',
    });
    await store.client.command({ query: "INSERT INTO load_state VALUES ('backfill', 1)" });
    await store.close();

    store = await open();
    const columns = await rows(store, "SELECT name FROM system.columns WHERE table = 'records'");
    expect(columns.map((c) => c.name)).toEqual(
      expect.arrayContaining(['submission_id', 'org_path', 'days', 'recorded_at']),
    );
    expect(await rows(store, 'SELECT count() AS n FROM records')).toEqual([{ n: '0' }]);
    expect(await rows(store, 'EXISTS TABLE load_state')).toEqual([{ result: 0 }]);
    expect(await rows(store, 'SELECT max(version) AS v FROM schema_version')).toEqual([
      { v: SCHEMA_VERSION },
    ]);

    // This version's tables, opened again, keep what they hold.
    await store.client.command({
      query: `INSERT INTO records (submission_id, revision, form_key, subject_id, recorded_at)
        VALUES ('s2', 1, 'hypertension-followup', 'r1', now64(3))`,
    });
    await store.close();
    store = await open();
    expect(await rows(store, 'SELECT submission_id FROM records')).toEqual([
      { submission_id: 's2' },
    ]);
    await store.close();
  });
});
