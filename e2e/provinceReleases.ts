import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { apiSession, DEMO_PASSWORD, idNumber } from './demoResidents.js';
import { DEMO_TOTP_SECRET, totpCode } from './totp.js';

/**
 * What the designer journeys share: a fresh browser session signed in at a page, the overlay of
 * a province's current release (each journey builds its next version on it, so journeys that
 * publish can follow one another), the reviewer's and publisher's steps through the API where a
 * journey is about something else, and residents of a province's demo clinic.
 */

export type Province = 'fj' | 'yn';

/** A fresh browser session signed in (without a second factor) and opened at `to`. */
export async function signInAt(
  browser: Browser,
  username: string,
  to: string,
): Promise<{ page: Page; failures: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  await page.goto(to);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  return { page, failures };
}

/**
 * The overlay of the release the province's village doctor is served now, and the version a new
 * draft of it gets: the next minor after the newest of its key (another journey may have left a
 * version in review).
 */
export async function currentOverlay(
  request: APIRequestContext,
  province: Province,
): Promise<{ key: string; version: string; next: string }> {
  const doctor = await apiSession(request, `${province}.village-doctor`);
  const res = await request.get('/api/forms/hypertension-followup', { headers: doctor });
  expect(res.status()).toBe(200);
  const { releaseId } = (await res.json()) as { releaseId: string };
  const overlay = /\+([a-z][a-z0-9-]+)@(\d+\.\d+\.\d+)$/.exec(releaseId);
  expect(overlay, `the release ${releaseId} carries an overlay`).not.toBeNull();
  const [, key, version] = overlay!;
  const list = await request.get(`/api/overlays?key=${key}`, { headers: doctor });
  const { versions } = (await list.json()) as { versions: { version: string }[] };
  const [major, minor] = versions
    .map((v) => v.version.split('.').map(Number))
    .sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!)
    .at(-1)!;
  return { key: key!, version: version!, next: `${major}.${minor! + 1}.0` };
}

/**
 * The province's publisher signed in through the API with the authenticator's code. A code is
 * accepted once: when an earlier journey used this one, the next 30-second step's is taken.
 */
export async function publisherApiSession(
  request: APIRequestContext,
  province: Province,
): Promise<{ authorization: string }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const login = await request.post('/api/auth/login', {
      data: {
        username: `${province}.province-publisher`,
        password: DEMO_PASSWORD,
        totp: totpCode(DEMO_TOTP_SECRET),
      },
    });
    const body = await login.text();
    if (login.status() === 200)
      return { authorization: `Bearer ${(JSON.parse(body) as { token: string }).token}` };
    expect(body, 'only a code already used is waited out').toContain('totp_reused');
    const step = Math.floor(Date.now() / 30_000);
    while (Math.floor(Date.now() / 30_000) === step)
      await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${province}.province-publisher could not sign in with a fresh code`);
}

/** The province's reviewer approves the version; its publisher publishes it and its release. */
export async function approveAndPublish(
  request: APIRequestContext,
  province: Province,
  key: string,
  version: string,
): Promise<void> {
  const reviewer = await apiSession(request, `${province}.province-reviewer`);
  const publisher = await publisherApiSession(request, province);
  const base = `/api/overlays/${key}/versions/${version}`;
  for (const [action, headers] of [
    ['approve', reviewer],
    ['publish', publisher],
  ] as const) {
    const res = await request.post(`${base}/${action}`, { headers, data: {} });
    expect(res.status(), `${action}: ${await res.text()}`).toBe(200);
  }
  const release = await request.post('/api/releases', {
    headers: publisher,
    data: { overlay: { key, version } },
  });
  expect(release.status(), await release.text()).toBe(201);
}

/** A resident of the province's demo village clinic, registered (not enrolled) through the API. */
export async function registerResident(
  request: APIRequestContext,
  province: Province,
  name: string,
  sex: 'female' | 'male' = 'male',
): Promise<string> {
  const login = await request.post('/api/auth/login', {
    data: { username: `${province}.village-doctor`, password: DEMO_PASSWORD },
  });
  const { token, user } = (await login.json()) as {
    token: string;
    user: { grants: { orgCode: string }[] };
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    const res = await request.post('/api/subjects', {
      headers: { authorization: `Bearer ${token}` },
      data: {
        name,
        idNumber: idNumber(Math.floor(Math.random() * 100), sex === 'female' ? 2 : 3),
        orgCode: user.grants[0]!.orgCode,
      },
    });
    // An ID number an earlier journey registered: draw another.
    if (res.status() === 409) continue;
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }
  throw new Error(`no free ID number for ${name}`);
}
