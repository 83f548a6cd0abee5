/**
 * Acceptance 2 of issue 19: Fujian's residents are loaded into reporting; Fujian's overlay 1.3.0
 * adds a field to the hypertension follow-up and relabels its visit mode, and its release becomes
 * current; village doctors capture new follow-ups on it (through the engine's submission route,
 * so the outbox carries them) and amend one. The indicators of the earlier year are unchanged,
 * the year spanning both versions counts each resident once and equals the PostgreSQL reference,
 * and the amended visit counts once.
 */
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { isFactIndicator, type Indicator, type Overlay } from '@formwork/definitions';
import { readJsonFolder, readOverlay } from '@formwork/seed/lib/readSpec';
import { createChdbConnection } from 'chdb/connection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluginReadModel } from '../../../../engine/src/plugin-host/PluginReadModel.js';
import { demoVillages, seedPatients } from '../../../../engine/src/seeding/seedPatients.js';
import { HT_VISIT, IdentityFixture } from '../../../../engine/src/testing/index.js';
import { compileIndicator } from '../indicators/compileIndicator.js';
import { runIndicator } from '../indicators/runIndicator.js';
import { RecordLoader } from '../loading/RecordLoader.js';
import { CLICKHOUSE_SETTINGS, type ReportingStore } from '../store/ReportingStore.js';
import { loadStored } from '../testing/loadStored.js';
import {
  NATIONAL_PARAMETERS,
  postgresIndicator,
  type ReferenceQuery,
  type ReferenceRow,
} from './postgresIndicators.js';

const PLUGIN = '@formwork/plugin-clickhouse-reporting';
const CONSUMER = 'plugin:reporting:records';
const CLINIC = '350121101201-V01';
const RELEASE = 'national-phs@3.0.1+fujian@1.3.0';
const EARLIER = { start: '2025-01-01', end: '2025-12-31' };
const SPANNING = { start: '2026-01-01', end: '2026-12-31' };
const HYPERTENSION = ['hypertension-standard-management-rate', 'hypertension-control-rate'];
const GROUPINGS: ReferenceQuery['group'][] = [
  undefined,
  { region: 'county' },
  { region: 'clinic', period: 'quarter' },
];
const indicators = new Map(
  [...readJsonFolder<Indicator>('national-phs', '3.0.1', 'indicators').values()]
    .filter(isFactIndicator)
    .map((i) => [i.id, i]),
);

let f: IdentityFixture;
let ch: ClickHouseClient;
const token = { configurator: '', reviewer: '', publisher: '', doctor: '' };

const loader = () => f.t.engine.pluginConsumers.find((c) => c.consumer === CONSUMER)!;
const sql = async <T>(text: string, bind: unknown[] = []) =>
  (await f.t.engine.database.sequelize.query(text, { bind, type: 'SELECT' })) as T[];

async function clickhouse(id: string, query: ReferenceQuery): Promise<ReferenceRow[]> {
  const compiled = compileIndicator(indicators.get(id)!, {
    period: { start: query.start, end: query.end },
    parameters: NATIONAL_PARAMETERS,
    groupBy: {
      ...(query.group?.region ? { region: query.group.region } : {}),
      ...(query.group?.period ? { period: query.group.period } : {}),
    },
  });
  return (await runIndicator(ch, compiled))
    .filter((r) => r.denominator > 0)
    .map((r) => ({
      ...(query.group?.region ? { region: r.group.region! } : {}),
      ...(query.group?.period ? { period: r.group.period! } : {}),
      numerator: r.numerator,
      denominator: r.denominator,
    }));
}

const order = (rows: ReferenceRow[]) =>
  [...rows].sort((a, b) => `${a.region}|${a.period}`.localeCompare(`${b.region}|${b.period}`));

/** Every hypertension indicator × grouping for a period, from ClickHouse, checked against PostgreSQL. */
async function indicatorsFor(period: { start: string; end: string }) {
  const out: Record<string, ReferenceRow[]> = {};
  for (const id of HYPERTENSION) {
    for (const group of GROUPINGS) {
      const query = { ...period, ...(group ? { group } : {}) };
      const rows = order(await clickhouse(id, query));
      const reference = order(await postgresIndicator(f.t.engine.database.sequelize, id, query));
      expect(rows, `${id} ${JSON.stringify(query)}`).toEqual(reference);
      out[`${id} ${JSON.stringify(group ?? {})}`] = rows;
    }
  }
  return out;
}

let before: { earlier: Record<string, ReferenceRow[]>; spanning: Record<string, ReferenceRow[]> };
let residents: string[];

beforeAll(async () => {
  f = await IdentityFixture.start({ plugins: [PLUGIN] });
  const { services, database } = f.t.engine;
  token.configurator = await f.login(await f.user('province-configurator', '350000'));
  token.reviewer = await f.login(await f.user('province-reviewer', '350000'));
  token.publisher = await f.login(await f.user('province-publisher', '350000', { withTotp: true }));
  token.doctor = await f.login(await f.user('village-doctor', '350121101201', { homeOrg: CLINIC }));
  const seeded = await seedPatients(services, {
    patients: 400,
    seed: 1902,
    today: '2026-11-23',
    months: 24,
    villages: demoVillages().filter((v) => v.code.startsWith('35')),
    progress: new PassThrough(),
  });
  expect(seeded.inserted).toBe(400);
  await database.sequelize.query('ANALYZE subjects, enrollments, submissions');
  // The plugin's own chDB directory, a second connection in this process.
  ch = createClient({
    connection: createChdbConnection({
      path: path.join(f.t.database.dataDir, 'plugins', 'reporting', 'chdb'),
    }) as never,
    clickhouse_settings: CLICKHOUSE_SETTINGS,
  });
  for (let i = 0; i < 100; i++) {
    const res = await f.request('GET', '/api/plugins/reporting/status', token.publisher);
    if ((res.body as { available?: boolean }).available) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // What the seed stored without outbox events, through the real loader.
  const readModel = new PluginReadModel({ database, catalog: services.catalog });
  const store = { client: ch } as unknown as ReportingStore;
  await loadStored(readModel, new RecordLoader({ store, readModel }));
  residents = (
    await sql<{ subject_id: string }>(
      `SELECT subject_id FROM enrollments
       WHERE program = 'hypertension' AND org_code = $1 AND ended_on IS NULL
       ORDER BY subject_id LIMIT 12`,
      [CLINIC],
    )
  ).map((r) => r.subject_id);
  before = { earlier: await indicatorsFor(EARLIER), spanning: await indicatorsFor(SPANNING) };
}, 240_000);

afterAll(async () => {
  await ch?.close();
  await f?.stop();
});

describe('indicators across a province’s overlay versions', () => {
  it('given Fujian’s overlay 1.3.0 adding a home BP field and relabelling the visit mode of the hypertension follow-up, when it is published and released, then the release is current for Fujian', async () => {
    const current = readOverlay('fujian', '1.2.0');
    const overlay: Overlay = {
      ...current,
      version: '1.3.0',
      operations: [
        ...current.operations,
        {
          op: 'add-field',
          form: 'hypertension-followup',
          path: '',
          field: {
            name: 'homeBpDays',
            after: 'heartRate',
            schema: {
              title: '近一周家庭自测血压天数',
              'x-title-en': 'Days of home BP readings in the past week',
              type: 'integer',
              minimum: 0,
              maximum: 7,
            },
          },
        },
        {
          op: 'relabel',
          form: 'hypertension-followup',
          path: '/visitMode',
          label: { zh: '随访方式（门诊、家庭或电话）', en: 'Visit mode (clinic, home or phone)' },
        },
      ] as Overlay['operations'],
    };
    const saved = await f.request(
      'POST',
      '/api/overlays/fujian/versions',
      token.configurator,
      overlay,
    );
    expect(saved.status, JSON.stringify(saved.body).slice(0, 500)).toBe(201);
    const step = (action: string, as: string) =>
      f.request('POST', `/api/overlays/fujian/versions/1.3.0/${action}`, as, {});
    expect((await step('submit', token.configurator)).status).toBe(200);
    expect((await step('approve', token.reviewer)).status).toBe(200);
    expect((await step('publish', token.publisher)).status).toBe(200);
    const released = await f.request('POST', '/api/releases', token.publisher, {
      overlay: { key: 'fujian', version: '1.3.0' },
    });
    expect(released.status, JSON.stringify(released.body).slice(0, 500)).toBe(201);
    expect(released.body).toMatchObject({ id: RELEASE, jurisdiction: '350000', current: true });
  });

  it('given follow-ups captured on the new release and one amended, when the loader runs, then they are loaded once each with the new field, beside the visits captured on the earlier release', async () => {
    const made: string[] = [];
    for (const [i, subjectId] of residents.entries()) {
      const res = await f.request('POST', '/api/submissions', token.doctor, {
        formKey: 'hypertension-followup',
        subjectId,
        data: { ...HT_VISIT, visitDate: '2026-11-21', homeBpDays: i % 8 },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.releaseId).toBe(RELEASE);
      made.push(res.body.id as string);
    }
    // The first of them was uncontrolled in truth: corrected the same day (revision 2).
    const amended = await f.request(
      'PUT',
      `/api/submissions/${made[0]}`,
      token.doctor,
      {
        data: {
          ...HT_VISIT,
          visitDate: '2026-11-21',
          sbp: 162,
          dbp: 96,
          classification: '2',
          homeBpDays: 0,
        },
        reason: '录入错误更正',
      },
      { 'if-match': '"1"' },
    );
    expect(amended.status, JSON.stringify(amended.body)).toBe(200);
    expect((await loader().poll()).failed).toBe(false);
    const loaded = await (
      await ch.query({
        query: `SELECT submission_id, revision, release_id, fields['homeBpDays'] AS home, fields['sbp'] AS sbp
          FROM records FINAL WHERE has({ids:Array(String)}, submission_id) ORDER BY submission_id`,
        query_params: { ids: made },
        format: 'JSONEachRow',
      })
    ).json<{
      submission_id: string;
      revision: number;
      release_id: string;
      home: string;
      sbp: string;
    }>();
    expect(loaded.map((r) => r.submission_id)).toEqual([...made].sort());
    expect(new Set(loaded.map((r) => r.release_id))).toEqual(new Set([RELEASE]));
    expect(loaded.find((r) => r.submission_id === made[0])).toMatchObject({
      revision: 2,
      sbp: '162',
      home: '0',
    });
    const [earlierRelease] = await (
      await ch.query({
        query: `SELECT count() AS n FROM records FINAL
          WHERE has({ids:Array(String)}, subject_id) AND release_id != {release:String}`,
        query_params: { ids: residents, release: RELEASE },
        format: 'JSONEachRow',
      })
    ).json<{ n: string }>();
    expect(Number(earlierRelease!.n)).toBeGreaterThan(residents.length);
  });

  it('given the earlier year, then every indicator by county and by clinic and quarter is what it was before the new release', async () => {
    expect(await indicatorsFor(EARLIER)).toEqual(before.earlier);
  });

  it('given the year spanning both versions, then each resident counts once (the denominators are unchanged), the new and amended visits count in the numerators, and every group equals the PostgreSQL reference', async () => {
    const after = await indicatorsFor(SPANNING);
    const denominators = (rows: Record<string, ReferenceRow[]>) =>
      Object.fromEntries(
        Object.entries(rows).map(([k, v]) => [
          k,
          v.map((r) => [r.region, r.period, r.denominator]),
        ]),
      );
    expect(denominators(after)).toEqual(denominators(before.spanning));
    const overall = (rows: Record<string, ReferenceRow[]>, id: string) => rows[`${id} {}`]![0]!;
    // One more face-to-face visit each: never fewer managed to the spec; and the latest visits
    // moved the control numerator (the amended one uncontrolled now, the others controlled).
    const managed = 'hypertension-standard-management-rate';
    expect(overall(after, managed).numerator).toBeGreaterThanOrEqual(
      overall(before.spanning, managed).numerator,
    );
    expect(after).not.toEqual(before.spanning);
  });
});
