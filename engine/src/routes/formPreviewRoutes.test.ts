import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture } from '../testing/index.js';

let f: IdentityFixture;
let configurator: string;
let doctor: string;

beforeAll(async () => {
  f = await IdentityFixture.start();
  configurator = await f.login(await f.user('province-configurator', '530000'));
  doctor = await f.login(
    await f.user('village-doctor', '350121101201', { homeOrg: '350121101201-V01' }),
  );
});
afterAll(() => f?.stop());

const weightForm = (maximum: unknown) => ({
  key: 'pilot-visit',
  version: '1.0.0',
  title: { zh: '试点随访', en: 'Pilot visit' },
  schema: {
    type: 'object',
    properties: { weight: { type: 'number', title: '体重', minimum: 20, maximum } },
  },
});

describe("the form designer's preview: an unsaved form compiled by the engine", () => {
  it('given a configurator’s unsaved form, when it is previewed, then its validator is a standalone module of its schema, without eval, importing the engine’s runtime', async () => {
    const res = await f.request('POST', '/api/form-previews', configurator, {
      definition: weightForm(300),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { url, runtimeUrl, fingerprint } = res.body.validator as Record<string, string>;
    expect(url).toMatch(/^\/api\/form-previews\/[0-9a-f]{20}\/validator\.js$/);
    expect(runtimeUrl).toMatch(/^\/api\/form-validator-runtime\.js\?hash=[0-9a-f]{20}$/);
    const module = await fetch(`${f.url}${url}`);
    expect(module.status).toBe(200);
    const code = await module.text();
    expect(code).toContain(fingerprint);
    expect(code).toContain('"maximum"');
    expect(code).not.toMatch(/\bnew Function\b|\beval\(|\brequire\(/);
    // Imported relative to its own URL, the runtime is the engine's.
    const imported = /"(\.\.\/\.\.\/form-validator-runtime\.js\?hash=[0-9a-f]{20})"/.exec(
      code,
    )?.[1];
    expect(imported, code.slice(0, 200)).toBeDefined();
    expect(new URL(imported!, `http://engine${url}`).pathname).toBe(
      '/api/form-validator-runtime.js',
    );
  });

  it('given a form the compiler refuses, when it is previewed, then a 422 names each problem inside the form, and no module is made', async () => {
    const res = await f.request('POST', '/api/form-previews', configurator, {
      definition: weightForm('heavy'),
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('form_invalid');
    const errors = res.body.error.details.errors as { formPath: string }[];
    expect(errors.some((e) => e.formPath.startsWith('/schema/properties/weight'))).toBe(true);
  });

  it('given a village doctor, when they preview a form, then it is refused (forms.design only), and a module never made is not found', async () => {
    const res = await f.request('POST', '/api/form-previews', doctor, {
      definition: weightForm(300),
    });
    expect(res.status).toBe(403);
    const missing = await fetch(`${f.url}/api/form-previews/0123456789abcdef0123/validator.js`);
    expect(missing.status).toBe(404);
  });
});
