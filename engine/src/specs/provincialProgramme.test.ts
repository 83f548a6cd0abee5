/**
 * Fujian's provincial staff create a small programme of their own by overlay — elderly care: a
 * code table of self-care ability, a visit form, a review workflow, the programme, its schedule and
 * a visit-rate indicator (definitions/src/overlays/fixtures/elderly-care-operations.json) — take
 * the overlay version through review and publish it as Fujian's release. A village doctor in
 * Fujian then enrolls a resident, sees the first visit due on the worklist, and is offered the
 * form; a doctor in Yunnan, whose release has no such programme, cannot enroll anyone in it. The
 * clock stands at 2026-11-23 (China time); the national reminder thresholds are the seed's (due
 * soon 7 days before the due date).
 */
import { readFileSync } from 'node:fs';
import { makeResidentIdNumber, type Operation, type Overlay } from '@formwork/definitions';
import { readOverlay } from '@formwork/seed/lib/readSpec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture } from '../testing/index.js';

const ELDERLY_CARE = JSON.parse(
  readFileSync(
    new URL(
      '../../../definitions/src/overlays/fixtures/elderly-care-operations.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as Operation[];

const CLINIC = '350121101201-V01';
const YUNNAN_CLINIC = '530902101201-V01';
const RELEASE = 'national-phs@3.0.1+fujian@1.3.0';

let f: IdentityFixture;
const token = { configurator: '', reviewer: '', publisher: '', doctor: '', yunnan: '' };

beforeAll(async () => {
  f = await IdentityFixture.start();
  token.configurator = await f.login(await f.user('province-configurator', '350000'));
  token.reviewer = await f.login(await f.user('province-reviewer', '350000'));
  token.publisher = await f.login(await f.user('province-publisher', '350000', { withTotp: true }));
  token.doctor = await f.login(await f.user('village-doctor', '350121101201', { homeOrg: CLINIC }));
  token.yunnan = await f.login(
    await f.user('village-doctor', '530902101201', { homeOrg: YUNNAN_CLINIC }),
  );
}, 60_000);
afterAll(() => f?.stop());

async function resident(as: string, county: string, orgCode: string, serial: number) {
  const created = await f.request('POST', '/api/subjects', as, {
    name: '郑秀英',
    idNumber: makeResidentIdNumber(county, '1948-02-14', serial),
    orgCode,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

interface Listed {
  status: string;
  resident: { id: string };
  program: string;
  occurrence: { id: string; title: { zh: string; en: string } };
  dueDate: string;
  form: { key: string; version: string | null; release: string };
}
async function worklistOf(subjectId: string, status = 'overdue,due-soon') {
  const res = await f.request('GET', `/api/worklist?status=${status}`, token.doctor);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as Listed[]).filter((i) => i.resident.id === subjectId);
}

describe('a programme of the province’s own, from overlay to worklist', () => {
  let fujianResident: string;

  it('given Fujian’s overlay 1.3.0 adding elderly care, when it is saved, submitted, approved and published, and Fujian’s release published on it, then the release offers the programme beside the national ones', async () => {
    const current = readOverlay('fujian', '1.2.0');
    const overlay: Overlay = {
      ...current,
      version: '1.3.0',
      operations: [...current.operations, ...ELDERLY_CARE],
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
    // The signed manifest pins what the overlay added beside the forms
    expect(Object.keys(released.body.manifest.programs)).toEqual(['fj-elderly-care']);
    expect(released.body.manifest.schedules['fj-elderly-care'].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(released.body.manifest.schedules['hypertension-followup']).toBeDefined();
    expect(Object.keys(released.body.manifest.indicators)).toContain('fj-elderly-care-visit-rate');
    expect(Object.keys(released.body.manifest.codeTables)).toContain('fj-self-care');

    const programs = await f.request('GET', '/api/programs', token.doctor);
    expect(programs.status).toBe(200);
    expect(programs.body.releaseId).toBe(RELEASE);
    expect(
      programs.body.programs.map((p: { id: string; source: string }) => [p.id, p.source]),
    ).toEqual([
      ['hypertension', 'base'],
      ['diabetes', 'base'],
      ['pregnancy', 'base'],
      ['fj-elderly-care', 'overlay'],
    ]);
    expect(programs.body.programs[3]).toEqual({
      id: 'fj-elderly-care',
      title: { zh: '老年人健康管理（福建）', en: 'Elderly care (Fujian)' },
      source: 'overlay',
      forms: [
        {
          key: 'fj-elderly-visit',
          version: '1.0.0',
          title: { zh: '老年人健康管理随访记录表（福建）', en: 'Elderly care visit (Fujian)' },
        },
      ],
    });
  });

  it('given the release, when a Fujian village doctor enrolls an elderly resident on 28 October, then the first visit (within 30 days) is on the worklist, due soon on 27 November, with the form to open', async () => {
    fujianResident = await resident(token.doctor, '350121', CLINIC, 211);
    const enrolled = await f.request(
      'POST',
      `/api/subjects/${fujianResident}/enrollments`,
      token.doctor,
      { program: 'fj-elderly-care', enrolledOn: '2026-10-28' },
    );
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    expect(enrolled.body).toMatchObject({ program: 'fj-elderly-care', orgCode: CLINIC });

    await f.t.engine.scheduleWorker!.poll();

    expect(await worklistOf(fujianResident)).toEqual([
      expect.objectContaining({
        status: 'due-soon',
        program: 'fj-elderly-care',
        occurrence: expect.objectContaining({
          id: 'first-visit',
          title: { zh: '入组后首次随访', en: 'First visit after enrollment' },
        }),
        dueDate: '2026-11-27',
        form: { key: 'fj-elderly-visit', version: '1.0.0', release: RELEASE },
      }),
    ]);
    const filtered = await f.request('GET', '/api/worklist?program=fj-elderly-care', token.doctor);
    expect(filtered.status, JSON.stringify(filtered.body)).toBe(200);
    expect(filtered.body.items.map((i: Listed) => i.resident.id)).toEqual([fujianResident]);
    expect(filtered.body.counts.byProgram).toContainEqual({ program: 'fj-elderly-care', count: 1 });
  });

  it('given the due item, when the doctor opens its form, then the form is offered with its code table, and the visit recorded on it is filed under the enrollment and closes the item', async () => {
    const forms = await f.request('GET', '/api/forms', token.doctor);
    expect(forms.body.forms).toContainEqual({
      key: 'fj-elderly-visit',
      version: '1.0.0',
      title: { zh: '老年人健康管理随访记录表（福建）', en: 'Elderly care visit (Fujian)' },
      program: 'fj-elderly-care',
    });
    expect(forms.body.forms).toContainEqual(
      expect.objectContaining({ key: 'hypertension-followup', program: 'hypertension' }),
    );
    const form = await f.request('GET', '/api/forms/fj-elderly-visit', token.doctor);
    expect(form.status).toBe(200);
    expect(form.body.releaseId).toBe(RELEASE);
    expect(Object.keys(form.body.codeTables)).toEqual(['fj-self-care']);

    const visit = await f.request('POST', '/api/submissions', token.doctor, {
      formKey: 'fj-elderly-visit',
      subjectId: fujianResident,
      data: { visitDate: '2026-11-23', selfCare: '2' },
    });
    expect(visit.status, JSON.stringify(visit.body)).toBe(201);
    expect(visit.body.releaseId).toBe(RELEASE);
    const enrollment = await f.t.engine.services.enrollments.active(
      fujianResident,
      'fj-elderly-care',
    );
    expect(visit.body.enrollmentId).toBe(enrollment!.id);

    await f.t.engine.scheduleWorker!.poll();
    expect(await worklistOf(fujianResident)).toEqual([]);
    expect(await worklistOf(fujianResident, 'done')).toEqual([
      expect.objectContaining({
        status: 'done',
        occurrence: expect.objectContaining({ id: 'first-visit' }),
      }),
    ]);
  });

  it('given a resident in Yunnan, whose release has no elderly-care programme, when a Yunnan doctor enrolls them in it, then 422 program_not_offered names the programme and nothing is written', async () => {
    const yunnanResident = await resident(token.yunnan, '530902', YUNNAN_CLINIC, 213);
    const refused = await f.request(
      'POST',
      `/api/subjects/${yunnanResident}/enrollments`,
      token.yunnan,
      { program: 'fj-elderly-care', enrolledOn: '2026-11-01' },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('program_not_offered');
    expect(refused.body.error.message).toContain('"fj-elderly-care"');
    expect(refused.body.error.details).toMatchObject({
      program: 'fj-elderly-care',
      offered: ['hypertension', 'diabetes', 'pregnancy'],
    });
    expect(
      await f.t.engine.services.enrollments.active(yunnanResident, 'fj-elderly-care'),
    ).toBeUndefined();
    const programs = await f.request('GET', '/api/programs', token.yunnan);
    expect(programs.body.programs.map((p: { id: string }) => p.id)).not.toContain(
      'fj-elderly-care',
    );
    const forms = await f.request('GET', '/api/forms', token.yunnan);
    expect(forms.body.forms.map((x: { key: string }) => x.key)).not.toContain('fj-elderly-visit');
  });
});
