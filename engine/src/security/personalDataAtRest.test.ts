import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makeResidentIdNumber } from '@formwork/definitions';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture } from '../testing/index.js';
import { REFERRAL_OUT } from '../workflows/fixtures/forms.js';

/**
 * Issue 13, acceptance 2: after a run of residents, submissions, drafts and a task completion
 * carrying personal form fields, and a database error forced in the middle of a write, the
 * database's own files (tables, indexes and the WAL, read byte by byte) and the engine's log hold
 * no resident's name, ID number, phone or address in clear.
 *
 * The values are drawn at random for this run, so no other test's data can be mistaken for them;
 * a marker stored in a field that is NOT personal must be found, which proves the scan reads what
 * the database wrote.
 */
const CLINIC = '350121101201-V01';
const SURNAMES = '赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const GIVEN = '秀英桂兰玉梅凤芝建国志强春华海燕丽娟明辉晓东淑珍德胜';
const pick = (chars: string, n: number) =>
  Array.from({ length: n }, () => chars[randomInt(chars.length)]).join('');
const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

const person = {
  name: `${pick(SURNAMES, 1)}${pick(GIVEN, 3)}`,
  idNumber: makeResidentIdNumber('350121', '1952-08-19', randomInt(100, 900)),
  phone: `139${digits(8)}`,
  address: `福建省福州市闽侯县上街镇${pick(GIVEN, 4)}村${randomInt(100, 999)}号`,
};
const slipName = `${pick(SURNAMES, 1)}${pick(GIVEN, 3)}`;
const slipPhone = `137${digits(8)}`;
const marker = `病史标记${digits(12)}`;

let f: IdentityFixture;
const responses: string[] = [];

async function call(token: string, method: string, url: string, body?: unknown, headers = {}) {
  const res = await f.request(method, url, token, body, headers);
  responses.push(JSON.stringify(res.body));
  return res;
}

/** Every file under `dir` (tables, indexes, WAL segments), read whole. */
function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

/** Which of the needles occur (as UTF-8) in which files under `dir`. */
function scan(dir: string, needles: Record<string, string>): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  const encoded = Object.entries(needles).map(([k, v]) => [k, Buffer.from(v, 'utf8')] as const);
  for (const file of files(dir)) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (err) {
      // A file removed while walking (a WAL segment recycled, a temp file) holds nothing anymore.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    for (const [key, needle] of encoded)
      if (bytes.includes(needle)) (found[key] ??= []).push(path.relative(dir, file));
  }
  return found;
}

beforeAll(async () => {
  f = await IdentityFixture.start();
});
afterAll(() => f?.stop());

describe('personal data at rest and in the logs', () => {
  it('given a run of personal form data and a forced database error, then the database files, the WAL and the log hold no name, ID number, phone or address in clear', async () => {
    const township = await f.login(await f.user('township-phc', '350121101'));

    // A resident with their ID number, phone and name.
    const created = await call(township, 'POST', '/api/subjects', {
      name: person.name,
      idNumber: person.idNumber,
      phone: person.phone,
      orgCode: CLINIC,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const subjectId = created.body.id as string;
    expect(
      (await call(township, 'GET', `/api/subjects?name=${encodeURIComponent(person.name)}`)).body
        .subjects,
    ).toHaveLength(1);

    // A referral slip carrying the patient's name, phone and address, and a marker in a field
    // that is not personal.
    const slip = {
      ...REFERRAL_OUT,
      patientName: person.name,
      phone: person.phone,
      address: person.address,
      historyAndReason: marker,
    };
    const submitted = await call(
      township,
      'POST',
      '/api/submissions',
      { formKey: 'referral-out', subjectId, data: slip },
      { 'idempotency-key': `at-rest-${subjectId}` },
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const draft = await call(township, 'POST', '/api/drafts', {
      formKey: 'referral-out',
      subjectId,
      data: { ...slip, patientName: slipName, phone: slipPhone },
    });
    expect(draft.status).toBe(201);

    // The same slip through the referral workflow.
    const started = await call(township, 'POST', '/api/workflows/two-way-referral/instances', {
      subjectId,
    });
    expect(started.status).toBe(201);
    const fill = (await call(township, 'GET', '/api/tasks')).body.tasks.find(
      (t: { instanceId: string }) => t.instanceId === started.body.id,
    );
    const done = await call(
      township,
      'POST',
      `/api/tasks/${fill.id}/complete`,
      { data: slip },
      { 'if-match': `"${fill.version}"` },
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    // A database error in the middle of a write: the outbox refuses every insert.
    const { sequelize } = f.t.engine.database;
    await sequelize.query(`CREATE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$`);
    await sequelize.query(`CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox
      FOR EACH ROW EXECUTE FUNCTION refuse_outbox()`);
    const failed = await call(township, 'POST', '/api/submissions', {
      formKey: 'referral-out',
      subjectId,
      data: { ...slip, patientName: slipName, phone: slipPhone },
    });
    expect(failed.status).toBe(500);
    await sequelize.query('DROP TRIGGER refuse_outbox ON outbox');
    await sequelize.query('DROP FUNCTION refuse_outbox()');
    expect(f.t.logs.some((l) => l.msg === 'unhandled error')).toBe(true);

    // Everything the database holds is on disk.
    await sequelize.query('CHECKPOINT');
    let dataDir = f.t.database.dataDir;
    if (f.t.database.kind === 'postgres') {
      const [setting] = await sequelize.query<{ data_directory: string }>('SHOW data_directory', {
        type: QueryTypes.SELECT,
      });
      dataDir = setting!.data_directory;
      expect(
        () => fs.accessSync(dataDir, fs.constants.R_OK),
        `the test reads PostgreSQL's data directory ${dataDir}: run it as a user who may`,
      ).not.toThrow();
    }
    const needles = {
      name: person.name,
      slipName,
      idNumber: person.idNumber,
      phone: person.phone,
      slipPhone,
      address: person.address,
      marker,
    };
    const found = scan(dataDir, needles);
    // The scan reads what the database wrote: the marker, stored in clear, is there.
    expect(found.marker?.length ?? 0, 'the non-personal marker is found').toBeGreaterThan(0);
    const personal = Object.fromEntries(Object.entries(found).filter(([k]) => k !== 'marker'));
    expect(personal).toEqual({});

    const logs = JSON.stringify(f.t.logs);
    for (const [key, value] of Object.entries(needles))
      if (key !== 'marker') expect(logs, `${key} in the log`).not.toContain(value);
    for (const body of responses)
      for (const value of [person.idNumber, person.phone, person.address, slipPhone])
        expect(body).not.toContain(value);
  });
});
