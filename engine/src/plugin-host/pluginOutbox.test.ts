/**
 * A plugin's outbox consumer and read model in a real engine: committed submissions reach the
 * plugin in batches, the cursor moves only after the handler resolved, a failing handler is retried
 * with backoff, and the read model gives reporting facts without personal values.
 */
import { makeResidentIdNumber } from '@formwork/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HT_VISIT, IdentityFixture } from '../testing/index.js';
import { FIRST_BACKOFF_MS } from './PluginOutboxConsumer.js';
import { exposed, seen, steer } from './fixtures/outboxPlugin.js';

const CLINIC = '350121101201-V01';
const CONSUMER = 'plugin:outbox-test:records';
const fixture = new URL('./fixtures/outboxPlugin.ts', import.meta.url).pathname;
let f: IdentityFixture;
let token: string;
let serial = 0;

const consumer = () => f.t.engine.pluginConsumers[0]!;
const cursor = async () => {
  const [rows] = await f.t.engine.database.sequelize.query(
    `SELECT event_id::text AS id FROM outbox_cursors WHERE consumer = '${CONSUMER}'`,
  );
  return (rows as { id: string }[])[0]?.id;
};

async function residentWithVisit(): Promise<{ subjectId: string; submissionId: string }> {
  serial++;
  const subject = await f.request('POST', '/api/subjects', token, {
    name: `报表对象${serial}`,
    idNumber: makeResidentIdNumber('350121', '1958-03-14', 500 + serial),
    orgCode: CLINIC,
  });
  expect(subject.status, JSON.stringify(subject.body)).toBe(201);
  const subjectId = subject.body.id as string;
  const enrolled = await f.request('POST', `/api/subjects/${subjectId}/enrollments`, token, {
    program: 'hypertension',
    enrolledOn: '2026-11-01',
    details: { diagnosedOn: '2024-06-15' },
  });
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
  const visit = await f.request('POST', '/api/submissions', token, {
    formKey: 'hypertension-followup',
    subjectId,
    data: HT_VISIT,
  });
  expect(visit.status, JSON.stringify(visit.body)).toBe(201);
  return { subjectId, submissionId: visit.body.id as string };
}

beforeAll(async () => {
  f = await IdentityFixture.start({ plugins: [fixture] });
  token = await f.login(await f.user('village-doctor', '350121101201', { homeOrg: CLINIC }));
});
afterAll(() => f?.stop());

describe('a plugin’s outbox consumer', () => {
  it('given three visits submitted, when the engine polls, then the plugin gets them in batches of its size, only its topics, and the cursor moves past them', async () => {
    const made = [await residentWithVisit(), await residentWithVisit(), await residentWithVisit()];
    const outcome = await consumer().poll();
    expect(outcome.failed).toBe(false);
    const handed = seen.flat();
    expect(handed.map((e) => e.topic)).toEqual(Array(3).fill('submission.created'));
    expect(handed.map((e) => e.aggregateId)).toEqual(made.map((m) => m.submissionId));
    expect(seen.every((batch) => batch.length <= 2)).toBe(true);
    expect(outcome.read).toBeGreaterThan(3); // enrollment events passed over
    expect(await cursor()).toBeDefined();
    expect((await consumer().poll()).read).toBe(0);
    expect(await exposed.handle!.backlog()).toMatchObject({ behind: false, lagSeconds: 0 });
  });

  it('given the plugin’s warehouse down, when a visit arrives, then the cursor stays, the failure is logged, and the batch is handed again after the backoff', async () => {
    seen.length = 0;
    const before = await cursor();
    const { submissionId } = await residentWithVisit();
    steer.failuresLeft = 1;
    expect((await consumer().poll()).failed).toBe(true);
    expect(await cursor()).toBe(before);
    expect(f.t.logs.some((l) => l.msg.includes('plugin outbox consumer failed'))).toBe(true);
    expect((await exposed.handle!.backlog()).behind).toBe(true);
    // Within the backoff nothing is tried.
    const attempts = steer.attempts;
    await consumer().poll();
    expect(steer.attempts).toBe(attempts);
    f.clock.advance(FIRST_BACKOFF_MS);
    expect((await consumer().poll()).failed).toBe(false);
    expect(seen.flat().map((e) => e.aggregateId)).toEqual([submissionId]);
    expect(await cursor()).not.toBe(before);
  });

  it('given a visit delivered and the cursor reset, when polled again, then the same events are handed again (at least once)', async () => {
    seen.length = 0;
    await f.t.engine.database.sequelize.query(
      `DELETE FROM outbox_cursors WHERE consumer = '${CONSUMER}'`,
    );
    await consumer().poll();
    expect(seen.flat().length).toBe(4);
  });
});

describe('a plugin’s read model', () => {
  it('given a resident enrolled, then enrollments and subjects give reporting facts and no name, ID number or phone', async () => {
    const { subjectId } = await residentWithVisit();
    const [subject] = await exposed.readModel!.subjects({ ids: [subjectId] });
    expect(subject).toEqual({
      id: subjectId,
      birthDate: '1958-03-14',
      sex: expect.any(String),
      orgCode: CLINIC,
      orgPath: expect.arrayContaining(['350000', '350121', CLINIC]),
      version: 1,
    });
    const page = await exposed.readModel!.enrollments({ limit: 100 });
    const enrollment = page.find((e) => e.subjectId === subjectId)!;
    expect(enrollment).toMatchObject({
      program: 'hypertension',
      enrolledOn: '2026-11-01',
      endedOn: null,
      orgCode: CLINIC,
      version: 1,
    });
    expect(enrollment.orgPath.at(-1)).toBe(CLINIC);
    expect(Object.keys(subject!).sort()).toEqual(
      ['birthDate', 'id', 'orgCode', 'orgPath', 'sex', 'version'].sort(),
    );
    // Pages in id order after a cursor.
    const ids = page.map((e) => e.id);
    expect(ids).toEqual([...ids].sort());
    const next = await exposed.readModel!.enrollments({ after: ids[0], limit: 100 });
    expect(next.map((e) => e.id)).toEqual(ids.slice(1));
  });

  it('given a release’s follow-up form, then its fields name their data elements and mark personal ones', async () => {
    const { submissionId } = await residentWithVisit();
    const visit = await f.request('GET', `/api/submissions/${submissionId}`, token);
    const fields = exposed.readModel!.formFields(
      visit.body.releaseId as string,
      'hypertension-followup',
    )!;
    expect(fields.find((x) => x.path === '/sbp')).toMatchObject({
      dataElement: expect.stringMatching(/^DE/),
      personal: false,
    });
    expect(exposed.readModel!.formFields('no-such-release', 'hypertension-followup')).toBe(
      undefined,
    );
    expect(await exposed.readModel!.orgPaths([CLINIC, 'nowhere'])).toEqual({
      [CLINIC]: expect.arrayContaining(['350121', CLINIC]),
    });
  });

  it('given stored visits, then submissions() pages them in id order as their events carry them, and submissionCount() counts them all', async () => {
    const { submissionId, subjectId } = await residentWithVisit();
    const total = await exposed.readModel!.submissionCount();
    const all = [];
    let after: string | undefined;
    for (;;) {
      const page = await exposed.readModel!.submissions({ ...(after ? { after } : {}), limit: 2 });
      if (!page.length) break;
      all.push(...page);
      after = page.at(-1)!.submissionId;
    }
    expect(all.length).toBe(total);
    const ids = all.map((s) => s.submissionId);
    expect(ids).toEqual([...ids].sort());
    expect(all.find((s) => s.submissionId === submissionId)).toMatchObject({
      subjectId,
      formKey: 'hypertension-followup',
      orgCode: CLINIC,
      revision: 1,
      releaseId: expect.stringContaining('fujian'),
      data: expect.objectContaining({ sbp: HT_VISIT.sbp }),
    });
  });

  it('given a Fujian clinic, then releaseFor names Fujian’s release with its indicators and parameters, and orgUnits gives names and children', async () => {
    const release = (await exposed.readModel!.releaseFor(CLINIC))!;
    expect(release.jurisdiction).toBe('350000');
    expect(release.id).toContain('fujian');
    expect(Object.keys(release.indicators)).toContain('hypertension-control-rate');
    expect(release.parameters).toHaveProperty('bpTargetSystolic');
    expect(release.programmes.map((p) => p.id)).toContain('hypertension');
    expect(await exposed.readModel!.releaseFor('999999')).toBe(undefined);
    const [county] = await exposed.readModel!.orgUnits({ codes: ['350121'] });
    expect(county).toMatchObject({ code: '350121', level: 'county', parentCode: '350100' });
    expect(county!.path).toEqual(['100000', '350000', '350100', '350121']);
    const children = await exposed.readModel!.orgUnits({ parentCode: '350121' });
    expect(children.length).toBeGreaterThan(0);
    expect(children.every((c) => c.parentCode === '350121')).toBe(true);
    expect(children.map((c) => c.code)).toEqual(children.map((c) => c.code).sort());
  });
});

describe('a plugin’s health check', () => {
  it('given the plugin reports degraded or its check throws, then /api/health shows it under the plugin while the engine stays ok', async () => {
    steer.health = 'ok';
    let health = await f.request('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      plugins: { 'outbox-test': { status: 'ok', detail: { lagSeconds: 3 } } },
    });
    steer.health = 'degraded';
    health = await f.request('GET', '/api/health');
    expect(health.body).toMatchObject({
      status: 'ok',
      plugins: { 'outbox-test': { status: 'degraded' } },
    });
    steer.health = 'throws';
    health = await f.request('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      plugins: {
        'outbox-test': { status: 'degraded', detail: { error: 'warehouse probe failed' } },
      },
    });
  });
});
