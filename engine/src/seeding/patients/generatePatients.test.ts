import { Writable } from 'node:stream';
import { FormCompiler, validateResidentIdNumber } from '@formwork/definitions';
import { readCodeTables, readForms } from '@formwork/seed/lib/readSpec';
import { describe, expect, it } from 'vitest';
import { seedCommand } from '../../cli/seedCommand.js';
import { SEED_CREATED_BY } from '../seedPatients.js';
import { Database } from '../../database/Database.js';
import { migrate } from '../../database/migrate.js';
import { createLogger } from '../../logging/createLogger.js';
import { PersonalDataCipher } from '../../security/PersonalDataCipher.js';
import { tableColumnsHolding } from '../../subjects/findClearText.js';
import { openName } from '../../subjects/residentName.js';
import { createTestDatabase, testEngineConfig } from '../../testing/index.js';
import {
  generatePatients,
  PatientTally,
  type GeneratedPatient,
  type SeedVillage,
} from './index.js';

const TODAY = '2026-11-23';
const VILLAGES: SeedVillage[] = [
  { code: '350121101201', countyCode: '350121', institutionCode: '350121101201-V01' },
  { code: '350121101202', countyCode: '350121', institutionCode: '350121101202-V01' },
  { code: '530102001201', countyCode: '530102', institutionCode: '530102001201-V01' },
];
const generate = (seed: number, count: number) =>
  generatePatients({ seed, count, villages: VILLAGES, today: TODAY });
const sample = [...generate(42, 20_000)];

function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

const sink = () =>
  Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        sink.text += chunk.toString();
        done();
      },
    }),
    { isTTY: false },
  );
sink.text = '';

describe('generatePatients', () => {
  it('given the same seed, when generated twice, then the residents are identical; another seed gives others', () => {
    const again = [...generate(42, 500)];
    expect(again).toEqual(sample.slice(0, 500));
    const other = [...generate(43, 500)];
    expect(other.map((p) => p.id)).not.toEqual(again.map((p) => p.id));
    expect(other.map((p) => p.idNumber)).not.toEqual(again.map((p) => p.idNumber));
  });

  it('yields lazily: asking for one resident of a million takes one', () => {
    const first = generate(42, 1_000_000).next();
    expect(first.value).toEqual(sample[0]);
  });

  it('given 20,000 residents, then every ID number is valid, matches sex and birth date, and none repeats', () => {
    const seen = new Set<string>();
    for (const p of sample) {
      const check = validateResidentIdNumber(p.idNumber, TODAY);
      expect(check, p.idNumber).toMatchObject({ ok: true, sex: p.sex, birthDate: p.birthDate });
      expect(VILLAGES.map((v) => v.countyCode)).toContain(p.idNumber.slice(0, 6));
      seen.add(p.idNumber);
    }
    expect(seen.size).toBe(sample.length);
    expect(new Set(sample.map((p) => p.id)).size).toBe(sample.length);
  });

  it('gives ages from 35 to 85, skewed older, mobile numbers and two- or three-character names', () => {
    const ages = sample.map((p) => ageOn(p.birthDate, TODAY));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(35);
    expect(Math.max(...ages)).toBeLessThanOrEqual(85);
    const mean = ages.reduce((a, b) => a + b, 0) / ages.length;
    expect(mean).toBeGreaterThan(62);
    expect(mean).toBeLessThan(72);
    for (const p of sample) {
      expect(p.phone).toMatch(/^1[3-9]\d{9}$/);
      expect([...p.name].length).toBeGreaterThanOrEqual(2);
      expect([...p.name].length).toBeLessThanOrEqual(4);
      expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('enrols ~70% in hypertension and ~35% in diabetes, ~30–40% uncontrolled, ~15–20% overdue', () => {
    const tally = new PatientTally(TODAY);
    for (const p of sample) tally.add(p);
    const s = tally.summary();
    expect(s.hypertension / s.residents).toBeGreaterThan(0.67);
    expect(s.hypertension / s.residents).toBeLessThan(0.73);
    expect(s.diabetes / s.residents).toBeGreaterThan(0.32);
    expect(s.diabetes / s.residents).toBeLessThan(0.38);
    expect(sample.some((p) => p.programs.length === 2)).toBe(true);
    expect(s.uncontrolledShare).toBeGreaterThan(0.3);
    expect(s.uncontrolledShare).toBeLessThan(0.4);
    expect(s.overdueShare).toBeGreaterThan(0.15);
    expect(s.overdueShare).toBeLessThan(0.2);
  });

  it('gives every enrolled resident quarterly-ish visits of the past year with plausible values', () => {
    for (const p of sample.slice(0, 5000)) {
      for (const program of p.programs) {
        const dates = p.visits.filter((v) => v.program === program).map((v) => v.data.visitDate);
        expect(dates.length).toBeGreaterThanOrEqual(2);
        expect(dates.length).toBeLessThanOrEqual(5);
        expect([...dates].sort()).toEqual(dates);
        expect(dates[0]! >= '2025-11-23' && dates[dates.length - 1]! <= TODAY).toBe(true);
      }
      for (const { data, program } of p.visits) {
        const sbp = data.sbp as number;
        const dbp = data.dbp as number;
        expect(sbp).toBeGreaterThanOrEqual(90);
        expect(sbp).toBeLessThanOrEqual(220);
        expect(dbp).toBeGreaterThanOrEqual(50);
        expect(dbp).toBeLessThan(sbp);
        expect(data.height as number).toBeGreaterThanOrEqual(140);
        expect(data.height as number).toBeLessThanOrEqual(195);
        const bmi = (data.weight as number) / ((data.height as number) / 100) ** 2;
        expect(bmi).toBeGreaterThan(15);
        expect(bmi).toBeLessThan(42);
        if (program === 'hypertension') {
          expect(data.classification).toBe(sbp >= 140 || dbp >= 90 ? '2' : '1');
        } else {
          const glucose = data.fastingGlucose as number;
          expect(glucose).toBeGreaterThanOrEqual(3);
          expect(glucose).toBeLessThanOrEqual(25);
          expect(data.classification).toBe(glucose >= 7 ? '2' : '1');
        }
      }
    }
  });

  it('given the current seed follow-up forms (3.0.1), then at least 95% of generated visits are valid', () => {
    const compiler = new FormCompiler({ codeTables: readCodeTables('national-phs', '3.0.1') });
    const forms = readForms('national-phs', '3.0.1');
    const clock = { today: () => TODAY };
    for (const formKey of ['hypertension-followup', 'diabetes-followup']) {
      const form = compiler.compile(forms.get(formKey)!);
      const visits = sample.slice(0, 3000).flatMap((p: GeneratedPatient) => p.visits);
      const mine = visits.filter((v) => v.formKey === formKey);
      expect(mine.length).toBeGreaterThan(1000);
      const failures = mine
        .map((v) => form.process(v.data, clock).errors.map((e) => `${e.path} ${e.keyword}`))
        .filter((errors) => errors.length);
      const failedPaths = [...new Set(failures.flat())].slice(0, 10);
      expect(failures.length / mine.length, `${formKey}: ${failedPaths.join('; ')}`).toBeLessThan(
        0.05,
      );
    }
  });
});

describe('generatePatients over two years with pregnancies', () => {
  const mothers = [
    ...generatePatients({
      seed: 7,
      count: 3000,
      villages: VILLAGES,
      today: TODAY,
      months: 24,
      pregnancies: 0.25,
    }),
  ];
  const episodes = mothers.flatMap((p) => p.pregnancies ?? []);
  const records = episodes.flatMap((e) => e.visits);

  it('given months 24, then chronic follow-ups reach back two years', () => {
    const dates = mothers.flatMap((p) => p.visits.map((v) => v.data.visitDate as string)).sort();
    expect(dates[0]! < '2025-02-01').toBe(true);
    expect(dates[0]! >= '2024-11-23').toBe(true);
  });

  it('given a share of mothers, then women of 20–40 have a pregnancy each, with the edge cases the maternal indicators count', () => {
    const women = mothers.filter((p) => p.pregnancies);
    expect(women.length / mothers.length).toBeGreaterThan(0.2);
    expect(women.length / mothers.length).toBeLessThan(0.3);
    for (const p of women) {
      expect(p.sex).toBe('female');
      expect(ageOn(p.birthDate, TODAY)).toBeGreaterThanOrEqual(20);
      expect(ageOn(p.birthDate, TODAY)).toBeLessThanOrEqual(40);
      expect(p.programs).toEqual([]);
    }
    const first = records.filter((r) => r.formKey === 'prenatal-first').map((r) => r.data);
    const visits = records.filter((r) => r.formKey === 'postpartum-visit').map((r) => r.data);
    expect(first.length).toBe(episodes.length);
    expect(first.some((d) => d.lmpUnknown && d.eddUltrasound)).toBe(true);
    expect(first.some((d) => d.lmpUnknown && !d.eddUltrasound)).toBe(true);
    expect(visits.some((d) => d.liveBirths === 2)).toBe(true);
    expect(visits.some((d) => d.homeBirth === true && d.dischargeDate === undefined)).toBe(true);
    expect(visits.some((d) => d.liveBirths === undefined)).toBe(true);
    expect(episodes.some((e) => !e.visits.some((v) => v.formKey === 'postpartum-visit'))).toBe(
      true,
    );
    expect(records.every((r) => (r.data.visitDate as string) <= TODAY)).toBe(true);
    for (const e of episodes) if (e.endedOn) expect(e.endedOn >= e.enrolledOn).toBe(true);
  });

  it('given the seed maternal forms (3.0.1), then every generated record is valid', () => {
    const compiler = new FormCompiler({ codeTables: readCodeTables('national-phs', '3.0.1') });
    const forms = readForms('national-phs', '3.0.1');
    const clock = { today: () => TODAY };
    const failures = records.flatMap((r) => {
      const form = compiler.compile(forms.get(r.formKey)!);
      // What the national form has (seedPatients keeps those; a province may ask for more).
      const known = new Set(form.fields.map((f) => f.path));
      const data = Object.fromEntries(Object.entries(r.data).filter(([k]) => known.has(`/${k}`)));
      return form.process(data, clock).errors.map((e) => `${r.formKey} ${e.path} ${e.keyword}`);
    });
    expect(failures).toEqual([]);
  });
});

describe('formwork seed --demo', () => {
  it('given a demo database, when 300 residents are seeded twice, then 300 rows hold them, with no ID number or name in clear, and their visits are stored once as submissions of their province’s release', async () => {
    const testDatabase = await createTestDatabase();
    const config = testEngineConfig(testDatabase, { demo: true, logLevel: 'silent' });
    try {
      const out = sink();
      const options = { demo: true, patients: 300, seed: 7, today: TODAY, out, progress: out };
      expect(await seedCommand(config, options)).toBe(0);
      expect(sink.text).toMatch(/residents inserted: 300 of 300/);
      const stored = /visits stored: (\d+) of (\d+) generated \((\d+) refused/.exec(sink.text);
      expect(stored).not.toBeNull();
      const [visitsStored, visitsGenerated, refused] = stored!.slice(1).map(Number);
      expect(visitsStored).toBeGreaterThan(600);
      expect(visitsStored! + refused!).toBe(visitsGenerated);
      expect(await seedCommand(config, options)).toBe(0);
      expect(sink.text).toMatch(/residents inserted: 0 of 300/);
      expect(sink.text).toMatch(/visits stored: 0 of/);

      const logger = createLogger('silent');
      const database = await Database.open({
        databaseUrl: testDatabase.databaseUrl,
        dataDir: testDatabase.dataDir,
        logger,
      });
      try {
        await migrate(database, logger);
        const [rows] = await database.sequelize.query(
          `SELECT id, name, name_enc, id_number_enc, id_number_hash, phone_enc, org_code, created_by
           FROM subjects`,
        );
        const stored = rows as Record<string, string>[];
        expect(stored).toHaveLength(300);
        const [visits] = await database.sequelize.query(
          `SELECT s.release_id, count(*)::int AS n,
             count(*) FILTER (WHERE e.subject_id = s.subject_id)::int AS enrolled,
             count(r.submission_id)::int AS revisions
           FROM submissions s LEFT JOIN enrollments e ON e.id = s.enrollment_id
             LEFT JOIN submission_revisions r ON r.submission_id = s.id
           GROUP BY 1 ORDER BY 1`,
        );
        expect(
          (visits as { release_id: string; n: number; enrolled: number; revisions: number }[]).map(
            (v) => [v.release_id, v.n === v.enrolled && v.n === v.revisions],
          ),
        ).toEqual([
          ['national-phs@3.0.1+fujian@1.2.0', true],
          ['national-phs@3.0.1+yunnan@1.2.0', true],
        ]);
        const expected = [
          ...generatePatients({ seed: 7, count: 300, villages: VILLAGES, today: TODAY }),
        ];
        const text = JSON.stringify(stored);
        for (const p of expected.slice(0, 50)) {
          expect(text).not.toContain(p.idNumber.slice(0, 17));
        }
        // Names only encrypted: each decrypts to the generated one, and none is in any column.
        const cipher = new PersonalDataCipher({ current: Buffer.from(config.dataKey!, 'base64') });
        const names = new Map(
          stored.map((r) => [r.id, openName(cipher, { name_enc: r.name_enc!, name: null })]),
        );
        expect(expected.map((p) => names.get(p.id))).toEqual(expected.map((p) => p.name));
        expect(stored.every((r) => r.name === null)).toBe(true);
        const sample = expected.slice(0, 50).map((p) => p.name);
        expect(await tableColumnsHolding(database.sequelize, sample)).toEqual([]);
        expect(stored.every((r) => r.org_code!.endsWith('-V01'))).toBe(true);
        expect(stored.every((r) => r.created_by === SEED_CREATED_BY)).toBe(true);
        expect(stored.every((r) => r.phone_enc && !/1[3-9]\d{9}/.test(r.phone_enc))).toBe(true);
      } finally {
        await database.close();
      }
    } finally {
      await testDatabase.drop();
    }
  }, 120_000);

  it('given a configuration without DEMO, when seeding, then it refuses and says why', async () => {
    const out = sink();
    sink.text = '';
    const config = testEngineConfig(
      { kind: 'pglite', databaseUrl: undefined, dataDir: '/nonexistent', drop: async () => {} },
      { demo: false },
    );
    expect(await seedCommand(config, { demo: true, patients: 1, out, progress: out })).toBe(1);
    expect(sink.text).toMatch(/refusing --demo/);
  });
});
