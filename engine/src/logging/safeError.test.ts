import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../database/Database.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { createLogger } from './createLogger.js';
import { safeErrorMessage } from './safeError.js';

/**
 * Database errors logged without the data of the statement that failed: its bind parameters,
 * the row in the driver's `detail`, the value quoted in a data exception's message.
 */
const PHONE = '13905917731';
const NAME = '欧阳秀英';
let db: TestDatabase;
let database: Database;

beforeAll(async () => {
  db = await createTestDatabase();
  database = await Database.open({
    databaseUrl: db.databaseUrl,
    dataDir: db.dataDir,
    logger: createLogger('silent'),
  });
  await database.sequelize.query(
    `CREATE TABLE contacts (name text NOT NULL, phone text CHECK (length(phone) < 5))`,
  );
});
afterAll(async () => {
  await database?.close();
  await db?.drop();
});

/** What the engine's logger writes for `{ err }`. */
function logged(err: unknown): string {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  createLogger('info', sink).error({ err }, 'unhandled error');
  return lines.join('');
}

async function failure(sql: string, bind: unknown[]): Promise<unknown> {
  try {
    await database.sequelize.query(sql, { bind });
  } catch (err) {
    return err;
  }
  throw new Error('the statement did not fail');
}

describe('database errors in the log', () => {
  it('given a check constraint refusing a row with a name and a phone, then the log names the constraint but neither the values nor the bind parameters', async () => {
    const err = await failure('INSERT INTO contacts (name, phone) VALUES ($1, $2)', [NAME, PHONE]);
    // The driver's error does carry them: that is what must not reach the log.
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).toContain(PHONE);
    const line = logged(err);
    expect(line).not.toContain(PHONE);
    expect(line).not.toContain(NAME);
    expect(JSON.parse(line).err).toMatchObject({
      type: 'SequelizeDatabaseError',
      code: '23514',
      constraint: 'contacts_phone_check',
      table: 'contacts',
    });
  });

  it('given a value PostgreSQL cannot read as a number, then the message is logged with the value taken out', async () => {
    const err = await failure('SELECT $1::int', [`tel:${PHONE}`]);
    expect((err as Error).message).toContain(PHONE);
    const line = logged(err);
    expect(line).not.toContain(PHONE);
    expect(JSON.parse(line).err.message).toBe(
      'invalid input syntax for type integer: "[redacted]"',
    );
    expect(JSON.parse(line).err.stack).toMatch(/^SequelizeDatabaseError: invalid input syntax/);
    expect(safeErrorMessage(err)).not.toContain(PHONE);
  });

  it('given an error that is not the database’s, then its message and stack are kept', () => {
    const line = JSON.parse(logged(new TypeError('cannot read x of undefined')));
    expect(line.err).toMatchObject({ type: 'TypeError', message: 'cannot read x of undefined' });
    expect(line.err.stack).toContain('safeError.test.ts');
  });
});
