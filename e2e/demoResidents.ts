import { expect, type APIRequestContext } from '@playwright/test';

/** Every demo user's password (README: demo users). */
export const DEMO_PASSWORD = 'Formwork#2026demo';

/** A valid 18-digit resident ID number (GB 11643 check digit) born on 1956-03-12 in 闽侯县. */
export function idNumber(sequence: number, sexDigit: number): string {
  const body = `35012119560312${String(sequence).padStart(2, '0')}${sexDigit}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/**
 * A resident of the demo village doctor's clinic, registered and enrolled in hypertension
 * management half a year ago through the API (as the doctor would have done then), once the
 * schedules' worker has put their follow-ups on the worklist.
 */
export async function registerOverdueResident(
  request: APIRequestContext,
  name: string,
): Promise<{ id: string; idNumber: string }> {
  const login = await request.post('/api/auth/login', {
    data: { username: 'fj.village-doctor', password: DEMO_PASSWORD },
  });
  const { token, user } = (await login.json()) as {
    token: string;
    user: { grants: { orgCode: string }[] };
  };
  const headers = { authorization: `Bearer ${token}` };
  // A hundred ID numbers to draw from: one already registered by an earlier journey (409) is
  // drawn again.
  let number = '';
  let subject;
  for (let attempt = 0; attempt < 20; attempt++) {
    number = idNumber(Math.floor(Math.random() * 100), 4);
    subject = await request.post('/api/subjects', {
      headers,
      data: { name, idNumber: number, orgCode: user.grants[0]!.orgCode, phone: '13800001234' },
    });
    if (subject.status() !== 409) break;
  }
  expect(subject!.status()).toBe(201);
  const { id } = (await subject!.json()) as { id: string };
  const enrolledOn = new Date(Date.now() - 183 * 86_400_000).toISOString().slice(0, 10);
  const enrollment = await request.post(`/api/subjects/${id}/enrollments`, {
    headers,
    data: { program: 'hypertension', enrolledOn },
  });
  expect(enrollment.status()).toBe(201);
  await expect
    .poll(async () => {
      const list = await request.get('/api/worklist?status=overdue', { headers });
      const { items } = (await list.json()) as { items: { resident: { id: string } }[] };
      return items.some((item) => item.resident.id === id);
    })
    .toBe(true);
  return { id, idNumber: number };
}

/** Signs a demo user in through the API; the bearer header for its requests. */
export async function apiSession(
  request: APIRequestContext,
  username: string,
): Promise<{ authorization: string }> {
  const login = await request.post('/api/auth/login', {
    data: { username, password: DEMO_PASSWORD },
  });
  expect(login.status()).toBe(200);
  return { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
}

/**
 * The village doctor's hypertension follow-up of today with 186/112: the spec's trigger starts
 * an urgent referral, whose first task waits for the township's public-health staff.
 */
export async function submitUrgentFollowUp(
  request: APIRequestContext,
  subjectId: string,
): Promise<void> {
  const headers = await apiSession(request, 'fj.village-doctor');
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const res = await request.post('/api/submissions', {
    headers,
    data: {
      formKey: 'hypertension-followup',
      subjectId,
      data: {
        visitDate: day(0),
        visitMode: '1',
        symptoms: ['1'],
        sbp: 186,
        dbp: 112,
        weight: 70,
        height: 170,
        heartRate: 76,
        saltIntake: '2',
        saltIntakeTarget: '1',
        psychological: '1',
        compliance: '1',
        adherence: '1',
        adverseReaction: '1',
        classification: '2',
        medications: [{ drugName: '苯磺酸氨氯地平片', timesPerDay: 1, dosePerTime: 5, unit: 'mg' }],
        nextVisitDate: day(14),
        doctorSignature: '李医生',
      },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
}
