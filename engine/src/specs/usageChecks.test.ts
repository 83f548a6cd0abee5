import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture } from '../testing/index.js';

/**
 * A spec version's schedules and indicators are checked when it is stored, like its forms and
 * triggers: a due list or a report that could never run — a field the form does not have, a
 * parameter nobody declared, a workflow that does not exist — is refused with 422 naming the path
 * into the spec, and nothing is stored.
 */
let f: IdentityFixture;
let token: string;
let national: Record<string, unknown>;

beforeAll(async () => {
  f = await IdentityFixture.start();
  token = await f.login(await f.user('province-configurator', '100000'));
  national = (await f.request('GET', '/api/specs/national-phs/versions/3.0.1', token)).body.content;
});
afterAll(() => f?.stop());

const draft = (version: string, content: Record<string, unknown>) =>
  f.request('POST', '/api/specs/national-phs/versions', token, {
    version,
    content: { ...content, version },
  });

async function stored(version: string) {
  return (await f.request('GET', `/api/specs/national-phs/versions/${version}`, token)).status;
}

describe('schedules and indicators checked when a spec is stored', () => {
  it('given the national 3.0.1 content as it is, when drafted as a new version, then it is stored', async () => {
    const res = await draft('3.9.0', national);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it('given an indicator that reads a field its form does not have, when drafted, then 422 names the indicator and nothing is stored', async () => {
    const indicators = structuredClone(national.indicators) as Record<string, unknown>;
    const control = JSON.stringify(indicators['hypertension-control-rate']).replaceAll(
      'facts.latest.sbp',
      'facts.latest.systolicPressure',
    );
    indicators['hypertension-control-rate'] = JSON.parse(control) as unknown;
    const res = await draft('3.9.1', { ...national, indicators });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('spec_invalid');
    expect(
      res.body.error.details.errors.map((e: { path: string }) => e.path.split('/')[2]),
    ).toContain('hypertension-control-rate');
    expect(await stored('3.9.1')).toBe(404);
  });

  it('given a schedule whose suggestion names a workflow the spec does not have, when drafted, then 422 names the schedule and nothing is stored', async () => {
    const schedules = structuredClone(national.schedules) as Record<string, unknown>;
    schedules['hypertension-followup'] = JSON.parse(
      JSON.stringify(schedules['hypertension-followup']).replaceAll(
        '"two-way-referral"',
        '"no-such-workflow"',
      ),
    ) as unknown;
    const res = await draft('3.9.2', { ...national, schedules });
    expect(res.status).toBe(422);
    const paths = res.body.error.details.errors.map((e: { path: string }) => e.path);
    expect(paths.some((p: string) => p.startsWith('/schedules/hypertension-followup'))).toBe(true);
    expect(await stored('3.9.2')).toBe(404);
  });
});
