import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../auth/totp.js';
import { tableColumnsHolding } from '../subjects/findClearText.js';
import { openName } from '../subjects/residentName.js';
import { nameInitials } from '../subjects/residentNumbers.js';
import { callApi, readJson, startTestEngine, type TestEngine } from '../testing/index.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from './demoWorld.js';
import { seedDemo } from './seedDemo.js';

describe('demo mode', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine({ demo: true });
  });
  afterAll(() => t?.stop());

  const login = (body: object) =>
    fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('seeds the demo org tree and a user per role and province, who can sign in with the printed password', async () => {
    const response = await login({ username: 'fj.village-doctor', password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
    const { user } = await readJson(response);
    expect(user).toMatchObject({
      orgCode: '350121101201-V01',
      permissions: ['records.capture', 'records.read', 'tasks.work'],
    });
    const [units] = await t.engine.database.sequelize.query(
      'SELECT count(*)::int AS n FROM org_units',
    );
    expect((units as { n: number }[])[0]!.n).toBeGreaterThan(20);
  });

  it('starts with generated residents at the demo village clinics', async () => {
    const [rows] = await t.engine.database.sequelize.query(
      "SELECT count(*)::int AS n FROM subjects WHERE org_code LIKE '%-V01'",
    );
    expect((rows as { n: number }[])[0]!.n).toBe(200);
  });

  it('given the demo residents, then a village doctor finds them by name and by initials, and no name is stored in clear', async () => {
    const { database, services } = t.engine;
    const [rows] = await database.sequelize.query(
      "SELECT id, name, name_enc FROM subjects WHERE org_code = '350121101201-V01' ORDER BY id",
    );
    const residents = (rows as { id: string; name: null; name_enc: string }[]).map((row) => ({
      id: row.id,
      name: openName(services.cipher, row),
    }));
    expect(residents.length).toBeGreaterThan(5);
    const login = await readJson(
      await fetch(`${t.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'fj.village-doctor', password: DEMO_PASSWORD }),
      }),
    );
    const search = async (query: string) =>
      (await callApi(t.url, 'GET', `/api/subjects?${query}`, login.token)).body.subjects
        .map((s: { id: string; name: string }) => `${s.id} ${s.name}`)
        .sort();
    const expected = (keep: (r: { name: string }) => boolean) =>
      residents
        .filter(keep)
        .map((r) => `${r.id} ${r.name}`)
        .sort();
    let byInitials = 0;
    for (const { name } of residents.slice(0, 5)) {
      expect(await search(`name=${encodeURIComponent(name)}`)).toEqual(
        expected((r) => r.name.startsWith(name)),
      );
      const initials = nameInitials(name);
      const sharing = expected((r) => nameInitials(r.name).startsWith(initials));
      // A search answers at most 20: compare where all those sharing the initials fit.
      if (sharing.length > 20) continue;
      expect(await search(`initials=${initials}`)).toEqual(sharing);
      byInitials++;
    }
    expect(byInitials).toBeGreaterThan(0);
    const names = residents.map((r) => r.name);
    expect(await tableColumnsHolding(database.sequelize, names)).toEqual([]);
  });

  it('demo administrators need the printed TOTP secret', async () => {
    const without = await login({ username: 'yn.county-admin', password: DEMO_PASSWORD });
    expect((await readJson(without)).error.code).toBe('totp_required');
    const withCode = await login({
      username: 'yn.county-admin',
      password: DEMO_PASSWORD,
      totp: totp.codeAt(DEMO_TOTP_SECRET, new Date()),
    });
    expect((await readJson(withCode)).user.permissions).toEqual(['users.manage']);
  });

  it('seeds once: a second run changes nothing', async () => {
    const [before] = await t.engine.database.sequelize.query(
      'SELECT count(*)::int AS n FROM users',
    );
    const again = await seedDemo(t.engine.services);
    expect(again.created).toBe(false);
    const [after] = await t.engine.database.sequelize.query('SELECT count(*)::int AS n FROM users');
    expect(after).toEqual(before);
  });
});
