/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { snap } from './snap.js';
import { DEMO_PASSWORD, registerOverdueResident } from './demoResidents.js';

/**
 * The app shell is cached by the service worker: a signed-in village doctor whose link has
 * dropped reloads the page and still gets the app (navigation, who is signed in, and a banner
 * saying the device is offline), and a form opened once opens again. What the worker keeps is
 * the build and the forms: no resident data.
 */

/** Every URL in the caches this origin holds, by cache. */
async function cachedUrls(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((request) => request.url);
    }
    return out;
  });
}

/** A fetch made by the page (so through the worker) with the session's token: its status. */
async function pageFetch(page: Page, url: string): Promise<number | 'failed'> {
  return page.evaluate(async (url) => {
    const raw = sessionStorage.getItem('formwork.session');
    const token = raw ? (JSON.parse(raw) as { token: string }).token : '';
    try {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      return response.status;
    } catch {
      return 'failed' as const;
    }
  }, url);
}

const FORM_OR_VALIDATOR =
  /^\/api\/(forms\/[^/]+|forms\/[^/]+\/versions\/[^/]+\/validator\.js|form-validator-runtime\.js)$/;

test('a signed-in village doctor reloads without network and the app shell opens, saying it is offline; the worker caches no resident data', async ({
  page,
  context,
  request,
}, testInfo) => {
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  // A resident on the worklist: personal data passes by while the worker is in control.
  const name = '陈玉兰';
  await registerOverdueResident(request, name);

  await page.goto('/app/');
  await page.getByLabel('用户名').fill('fj.village-doctor');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/app\/worklist$/);

  // The worker has installed (the whole build precached) and controls the page. `ready`
  // resolves once a worker is active, which may still be 'activating' for a moment: poll.
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return { scope: registration.scope, active: registration.active?.state };
      }),
    )
    .toEqual({ scope: new URL('/app/', page.url()).href, active: 'activated' });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  // Online, under the worker: the worklist with a resident's data, who is signed in, and a form
  // with its validator modules, as the visit screen loads them.
  await page.reload();
  await expect(page.locator('[data-test=worklist]')).toContainText(name);
  expect(await pageFetch(page, '/api/auth/me')).toBe(200);
  const form = await page.evaluate(async () => {
    const raw = sessionStorage.getItem('formwork.session');
    const token = (JSON.parse(raw!) as { token: string }).token;
    const response = await fetch('/api/forms/hypertension-followup', {
      headers: { authorization: `Bearer ${token}` },
    });
    const served = (await response.json()) as { validator: { url: string } };
    // The validator module and the runtime it imports, as the renderer loads them.
    await import(/* @vite-ignore */ served.validator.url);
    return served.validator.url;
  });

  const cached = await cachedUrls(page);
  const names = Object.keys(cached).sort();
  expect(names).toEqual([
    'formwork-app-forms-v1',
    expect.stringMatching(/^formwork-app-shell-[0-9a-f]{16}$/) as unknown as string,
  ]);
  const shell = cached[names[1]!]!.map((url) => new URL(url).pathname);
  expect(shell).toContain('/app/index.html');
  expect(shell.filter((p) => p.startsWith('/app/assets/')).length).toBeGreaterThan(10);
  const apiPaths = Object.values(cached)
    .flat()
    .map((url) => new URL(url).pathname)
    .filter((p) => p.startsWith('/api/'));
  expect(apiPaths).toContain('/api/forms/hypertension-followup');
  expect(apiPaths).toContain(new URL(form, page.url()).pathname);
  expect(apiPaths).toContain('/api/form-validator-runtime.js');
  // Nothing else of the API: no worklist, no residents, no session.
  expect(apiPaths.filter((p) => !FORM_OR_VALIDATOR.test(p))).toEqual([]);

  await context.setOffline(true);
  await page.reload();
  const nav = page.getByRole('navigation', { name: '主导航' });
  for (const item of ['工作台', '居民', '任务', '草稿']) {
    await expect(nav.getByRole('link', { name: item })).toBeVisible();
  }
  await expect(page.getByText('村医（厚美村）')).toBeVisible();
  const banner = page.locator('[data-test=offline-banner]');
  await expect(banner).toHaveText('离线 · 已保存的内容会在联网后上传');
  await expect(page.getByRole('status').filter({ has: banner })).toBeVisible();
  // Still signed in: the failed requests of an offline page end no session.
  await expect(page).toHaveURL(/\/app\/worklist$/);
  await snap(page, testInfo, '1-offline-shell');

  // The worker itself has no network (a form never fetched fails rather than answering 404), so
  // the page above came from its cache.
  expect(await pageFetch(page, '/api/forms/no-such-form')).toBe('failed');
  // A form opened once opens offline; the rest of the API is simply unreachable.
  expect(await pageFetch(page, '/api/forms/hypertension-followup')).toBe(200);
  expect(await pageFetch(page, '/api/worklist')).toBe('failed');
  expect(await pageFetch(page, '/api/auth/me')).toBe('failed');

  // Another screen, not visited since the reload, opens from the cached build too.
  await nav.getByRole('link', { name: '任务' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '任务' })).toBeVisible();
  await expect(banner).toBeVisible();

  await context.setOffline(false);
  await expect(banner).toHaveCount(0);
  // What the offline shell could not read (the institution's name) is read once the link is back.
  await expect(page.getByText('厚美村卫生室')).toBeVisible();
  await snap(page, testInfo, '2-back-online');
  expect(failures).toEqual([]);
});
