import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { snap } from './snap.js';
import { apiSession, DEMO_PASSWORD, registerOverdueResident } from './demoResidents.js';
import { DEMO_TOTP_SECRET, totpCode } from './totp.js';

/**
 * Issue 16, acceptance 4: a visit captured on one Fujian release opens read-only in that release
 * after a newer one is current. The server starts with the seed's Fujian release current; the
 * province then publishes the next overlay version through the spec lifecycle (draft → review →
 * approval → publish → release), which adds a field to the hypertension follow-up. The stored
 * visit still shows in the form it was captured on; a new visit is captured on the new form.
 */

async function signIn(page: Page, username: string, to = '/app/') {
  await page.goto(to);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

const field = (page: Page, pointer: string) => page.locator(`[data-fw-path="${pointer}"]`);
const day = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

interface Overlay {
  key: string;
  version: string;
  title: { zh: string; en: string };
  operations: unknown[];
}

/** The field the province's next overlay version adds to the hypertension follow-up. */
const ADDED = {
  name: 'homeBpMonitoring',
  title: '家庭自测血压',
  op: {
    op: 'add-field',
    form: 'hypertension-followup',
    path: '',
    field: {
      name: 'homeBpMonitoring',
      after: 'dbp',
      schema: {
        title: '家庭自测血压',
        'x-title-en': 'Home blood pressure monitoring',
        description: '患者是否在家中规律自测血压',
        type: 'string',
        'x-code-table': 'yes-no',
        // Not asked of a patient lost to follow-up or dead, as the readings beside it.
        'x-visible': { '!': [{ in: [{ var: 'followupStatus' }, ['2', '3']] }] },
      },
    },
  },
};

/** Fujian's current release, read as the village doctor's clinic is served it. */
async function servedFollowUp(request: APIRequestContext, headers: Record<string, string>) {
  const res = await request.get('/api/forms/hypertension-followup', { headers });
  expect(res.status()).toBe(200);
  return (await res.json()) as {
    releaseId: string;
    definition: { version: string; schema: { properties: Record<string, unknown> } };
  };
}

/**
 * Fujian's configurator drafts the next overlay version (the current one plus the added field),
 * the reviewer approves it, the publisher (with the authenticator code) publishes it and makes
 * its release Fujian's current one. Returns the new release's id.
 */
async function publishNextFujianVersion(
  request: APIRequestContext,
  current: { key: string; version: string },
): Promise<string> {
  const configurator = await apiSession(request, 'fj.province-configurator');
  const reviewer = await apiSession(request, 'fj.province-reviewer');
  const login = await request.post('/api/auth/login', {
    data: {
      username: 'fj.province-publisher',
      password: DEMO_PASSWORD,
      totp: totpCode(DEMO_TOTP_SECRET),
    },
  });
  expect(login.status(), await login.text()).toBe(200);
  const publisher = {
    authorization: `Bearer ${((await login.json()) as { token: string }).token}`,
  };

  const base = `/api/overlays/${current.key}/versions`;
  const read = await request.get(`${base}/${current.version}`, { headers: configurator });
  expect(read.status()).toBe(200);
  const { content } = (await read.json()) as { content: Overlay };
  const [major, minor] = current.version.split('.').map(Number);
  const version = `${major}.${minor! + 1}.0`;
  const next: Overlay = {
    ...content,
    version,
    title: {
      zh: `${content.title.zh}（家庭自测血压）`,
      en: `${content.title.en} (home blood pressure monitoring)`,
    },
    operations: [...content.operations, ADDED.op],
  };

  const created = await request.post(base, { headers: configurator, data: next });
  expect(created.status(), await created.text()).toBe(201);
  const step = async (action: string, headers: Record<string, string>, reason?: string) => {
    const res = await request.post(`${base}/${version}/${action}`, {
      headers,
      data: reason ? { reason } : {},
    });
    expect(res.status(), `${action}: ${await res.text()}`).toBe(200);
    return (await res.json()) as { status: string; approved: boolean };
  };
  expect(await step('submit', configurator, '高血压随访增加家庭自测血压')).toMatchObject({
    status: 'in-review',
  });
  expect(await step('approve', reviewer, '同意')).toMatchObject({
    status: 'in-review',
    approved: true,
  });
  expect(await step('publish', publisher)).toMatchObject({ status: 'published' });

  const release = await request.post('/api/releases', {
    headers: publisher,
    data: { overlay: { key: current.key, version } },
  });
  expect(release.status(), await release.text()).toBe(201);
  const { id } = (await release.json()) as { id: string };
  return id;
}

test('a visit captured on Fujian’s earlier release opens read-only in that release after the province publishes a new one, and a new visit uses the new form', async ({
  page,
  request,
}, testInfo) => {
  // Given a hypertension patient of the village doctor's clinic, seen on the release current
  // when the server started.
  const name = '林秀英';
  const resident = await registerOverdueResident(request, name);
  const doctor = await apiSession(request, 'fj.village-doctor');
  const before = await servedFollowUp(request, doctor);
  expect(before.definition.schema.properties).not.toHaveProperty(ADDED.name);
  const captured = await request.post('/api/submissions', {
    headers: doctor,
    data: {
      formKey: 'hypertension-followup',
      subjectId: resident.id,
      data: {
        visitDate: day(0),
        visitMode: '1',
        symptoms: ['1'],
        sbp: 146,
        dbp: 92,
        weight: 68,
        height: 165,
        heartRate: 74,
        saltIntake: '2',
        saltIntakeTarget: '1',
        psychological: '1',
        compliance: '1',
        adherence: '1',
        adverseReaction: '1',
        classification: '2',
        medications: [{ drugName: '苯磺酸氨氯地平片', timesPerDay: 1, dosePerTime: 5, unit: 'mg' }],
        nextVisitDate: day(30),
        doctorSignature: '林医生',
      },
    },
  });
  expect(captured.status(), await captured.text()).toBe(201);
  const visit = (await captured.json()) as { id: string; releaseId: string; formVersion: string };
  expect(visit.releaseId).toBe(before.releaseId);

  // When Fujian publishes its next overlay version through review and makes it current
  const overlay = /\+([a-z][a-z0-9-]+)@(\d+\.\d+\.\d+)$/.exec(before.releaseId);
  expect(overlay, `Fujian's release ${before.releaseId} carries an overlay`).not.toBeNull();
  const newRelease = await publishNextFujianVersion(request, {
    key: overlay![1]!,
    version: overlay![2]!,
  });
  expect(newRelease).not.toBe(before.releaseId);

  // Then the clinic is served the new form
  const after = await servedFollowUp(request, doctor);
  expect(after.releaseId).toBe(newRelease);
  expect(after.definition.schema.properties).toHaveProperty(ADDED.name);

  // The doctor opens the stored visit from the resident's timeline: read-only, in its own release
  await signIn(page, 'fj.village-doctor', `/app/residents/${resident.id}`);
  await expect(page).toHaveURL(new RegExp(`/app/residents/${resident.id}$`));
  const link = page.locator('[data-test=visits] [data-test=visit-link]');
  await expect(link).toHaveCount(1);
  await expect(link).toContainText('高血压患者随访服务记录表');
  await snap(page, testInfo, '1-timeline-after-new-release');
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/app/submissions/${visit.id}$`));
  await expect(page.locator('[data-test=submission-title]')).toContainText(
    '高血压患者随访服务记录表',
  );
  await expect(page.locator('[data-test=submission-version]')).toContainText(visit.formVersion);
  await expect(page.locator('[data-test=submission-release]')).toHaveText(before.releaseId);
  await page.locator('.fw-form').waitFor();
  await expect(field(page, '/sbp')).toContainText('146');
  await expect(field(page, '/dbp')).toContainText('92');
  await expect(field(page, '/doctorSignature')).toContainText('林医生');
  await expect(field(page, `/${ADDED.name}`)).toHaveCount(0);
  await expect(page.getByText(ADDED.title)).toHaveCount(0);
  await expect(page.getByText(newRelease)).toHaveCount(0);
  await expect(page.getByRole('button', { name: '提交' })).toHaveCount(0);
  await snap(page, testInfo, '2-visit-in-its-own-release');

  // A new visit for the same resident is captured on the new form
  await page.goto(`/app/residents/${resident.id}/forms/hypertension-followup`);
  await expect(page.locator('[data-test=visit-resident]')).toContainText(name);
  await expect(page.getByText(newRelease, { exact: true })).toBeVisible();
  await page.locator('.fw-form').waitFor();
  await expect(field(page, `/${ADDED.name}`)).toBeVisible();
  await expect(field(page, `/${ADDED.name}`)).toContainText(ADDED.title);
  await expect(page.getByRole('button', { name: '提交' })).toBeVisible();
  await snap(page, testInfo, '3-new-visit-on-new-release');
});
