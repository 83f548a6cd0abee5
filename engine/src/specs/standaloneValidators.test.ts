import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture } from '../testing/index.js';

let f: IdentityFixture;
let token: string;

beforeAll(async () => {
  f = await IdentityFixture.start();
  token = await f.login(
    await f.user('village-doctor', '350121101201', { homeOrg: '350121101201-V01' }),
  );
});
afterAll(() => f?.stop());

const get = (path: string, auth = true) =>
  fetch(`${f.url}${path}`, auth ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('each form version’s validator is served as a standalone module', () => {
  it('given a Fujian village doctor, when the app fetches the hypertension follow-up, then it is told where the form’s validator module is, and that module and the runtime it imports are immutable JavaScript without eval', async () => {
    const form = await f.request('GET', '/api/forms/hypertension-followup', token);
    expect(form.status).toBe(200);
    const { url, fingerprint } = form.body.validator as { url: string; fingerprint: string };
    expect(url).toMatch(
      /^\/api\/forms\/hypertension-followup\/versions\/[^/]+\/validator\.js\?release=national-phs%403\.0\.1%2Bfujian%401\.2\.0&hash=[0-9a-f]{20}$/,
    );

    const module = await get(url);
    expect(module.status).toBe(200);
    expect(module.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(module.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const code = await module.text();
    expect(code).toContain(fingerprint);
    expect(code).not.toMatch(/\bnew Function\b|\beval\(|\brequire\(/);
    const runtimeUrl =
      /from"(\.\.\/\.\.\/\.\.\/\.\.\/form-validator-runtime\.js\?hash=[0-9a-f]{20})"/.exec(
        code,
      )?.[1];
    expect(runtimeUrl, code.slice(0, 300)).toBeDefined();

    // The runtime holds no data: served to anyone, shared by every form.
    const runtimeAt = new URL(runtimeUrl!, `http://engine${url}`);
    expect(runtimeAt.pathname).toBe('/api/form-validator-runtime.js');
    const runtime = await get(runtimeAt.pathname + runtimeAt.search, false);
    expect(runtime.status).toBe(200);
    expect(runtime.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await runtime.text()).toMatch(
      /^(?![\s\S]*\bnew Function\b)[\s\S]*formwork:linear-regexp/,
    );
  });

  it('given the same form asked for again, then the module’s address is the same (its hash is of its content)', async () => {
    const first = await f.request('GET', '/api/forms/hypertension-followup', token);
    const again = await f.request('GET', '/api/forms/hypertension-followup', token);
    expect(again.body.validator).toEqual(first.body.validator);
    const diabetes = await f.request('GET', '/api/forms/diabetes-followup', token);
    expect(diabetes.body.validator.url).not.toBe(first.body.validator.url);
  });

  it('given a stale hash, an unknown release or the wrong version, when the module is asked for, then a 404 says so and nothing is served as immutable', async () => {
    const form = await f.request('GET', '/api/forms/hypertension-followup', token);
    const url = form.body.validator.url as string;
    const stale = await get(url.replace(/hash=[0-9a-f]+/, `hash=${'0'.repeat(20)}`));
    expect(stale.status).toBe(404);
    const body = (await stale.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/校验模块已更新.* \/ This validator module has changed/);
    expect(stale.headers.get('cache-control') ?? '').not.toMatch(/immutable/);

    const unknown = await f.request(
      'GET',
      '/api/forms/hypertension-followup/versions/3.0.1/validator.js?release=nowhere@1.0.0',
      token,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('nowhere@1.0.0');
    const wrongVersion = await f.request(
      'GET',
      `/api/forms/hypertension-followup/versions/9.9.9/validator.js?release=${encodeURIComponent('national-phs@3.0.1')}`,
      token,
    );
    expect(wrongVersion.status).toBe(404);
    expect(wrongVersion.body.error.message).toContain('9.9.9');
    const badHash = await f.request(
      'GET',
      `${url.replace(/hash=[0-9a-f]+/, 'hash=not-a-hash')}`,
      token,
    );
    expect(badHash.status).toBe(400);
  });

  it('given no session, when a form’s validator is asked for, then it is refused', async () => {
    const form = await f.request('GET', '/api/forms/hypertension-followup', token);
    const anonymous = await get(form.body.validator.url as string, false);
    expect(anonymous.status).toBe(401);
  });

  it('given a long code table, then its options come with pinyin initials to filter by; a short one has none', async () => {
    const form = await f.request('GET', '/api/forms/resident-basic-info', token);
    const initials = form.body.pinyinInitials as Record<string, Record<string, string>>;
    const tables = form.body.codeTables as Record<
      string,
      { codes: { code: string; label: { zh: string } }[] }
    >;
    const long = Object.keys(tables).filter((id) => tables[id]!.codes.length > 5);
    expect(long.length).toBeGreaterThan(0);
    expect(Object.keys(initials).sort()).toEqual(long.sort());
    const han = tables['ethnicity']!.codes.find((c) => c.label.zh === '汉族')!;
    expect(initials['ethnicity']![han.code]).toBe('hz');
  });

  it('given the hypertension follow-up, then the form comes with the release’s trigger that starts the urgent referral, so the page can say so before it is stored', async () => {
    const form = await f.request('GET', '/api/forms/hypertension-followup', token);
    const triggers = form.body.triggers as {
      id: string;
      title: { zh: string };
      condition: unknown;
    }[];
    expect(triggers.map((t) => t.id)).toEqual(['hypertension-urgent-referral']);
    expect(triggers[0]!.title.zh).toContain('紧急转诊');
    expect(triggers[0]!.condition).toEqual({ '==': [{ var: 'urgentReferral' }, true] });
    const consult = await f.request('GET', '/api/forms/consult-request', token);
    expect(consult.body.triggers).toEqual([]);
  });
});
