import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture, type TestUser } from '@formwork/engine/testing';
import { ApiError } from './ApiError.js';
import { createApiClient, ok, type SessionPort } from './client.js';

/**
 * The app's API client against a real engine over HTTP: a session the engine has ended sends the
 * user to sign in once, and every request that was waiting settles.
 */
let f: IdentityFixture;
let doctor: TestUser;
beforeAll(async () => {
  f = await IdentityFixture.start();
  doctor = await f.user('village-doctor', '350121101201', { homeOrg: '350121101201-V01' });
});
afterAll(() => f?.stop());

/** A session as the app holds it: a token, and a count of the times it was sent to sign in. */
interface TestSession extends SessionPort {
  current: string | undefined;
  redirects: number;
}

function sessionWith(token: string | undefined): TestSession {
  const session: TestSession = {
    current: token,
    redirects: 0,
    token: () => session.current,
    expired() {
      session.redirects += 1;
      session.current = undefined;
    },
  };
  return session;
}

async function rejection(call: Promise<unknown>): Promise<ApiError> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('the call succeeded');
}

describe('the API client', () => {
  it('given a signed-in village doctor, when the app asks who they are, then the answer is typed data from the engine', async () => {
    const session = sessionWith(await f.login(doctor));
    const api = createApiClient({ baseUrl: f.url, session });
    const me = await ok(api.GET('/api/auth/me'));
    expect(me.username).toBe(doctor.username);
    expect(me.permissions).toContain('records.capture');
    expect(session.redirects).toBe(0);
  });

  it('given a session the engine has ended, when five screens ask at once, then every request settles with the 401 and the user is sent to sign in exactly once', async () => {
    const token = await f.login(doctor);
    expect((await f.request('POST', '/api/auth/logout', token)).status).toBe(204);
    const session = sessionWith(token);
    const api = createApiClient({ baseUrl: f.url, session });
    const calls = [
      api.GET('/api/auth/me'),
      api.GET('/api/tasks'),
      api.GET('/api/drafts'),
      api.GET('/api/subjects', { params: { query: { name: '王' } } }),
      api.GET('/api/org-units'),
    ];
    const settled = await Promise.allSettled(calls);
    expect(settled.map((s) => s.status)).toEqual(Array(5).fill('rejected'));
    for (const outcome of settled) {
      const error = (outcome as PromiseRejectedResult).reason as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect([error.status, error.code]).toEqual([401, 'unauthorized']);
    }
    expect(session.redirects).toBe(1);
    // A request made after the redirect carries no token: it is refused, and nobody is sent twice.
    await rejection(api.GET('/api/tasks'));
    expect(session.redirects).toBe(1);
  });

  it('given the user signed in again while a request with the old token was on its way, when that request is refused, then the new session stays', async () => {
    const old = await f.login(doctor);
    await f.request('POST', '/api/auth/logout', old);
    const session = sessionWith(old);
    // A slow link: the engine's answer reaches the app only once the doctor has signed in again.
    let deliver!: () => void;
    const signedInAgain = new Promise<void>((resolve) => (deliver = resolve));
    const slowLink: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      await signedInAgain;
      return response;
    };
    const api = createApiClient({ baseUrl: f.url, session, fetch: slowLink });
    const late = rejection(api.GET('/api/tasks'));
    session.current = await f.login(doctor);
    deliver();
    expect((await late).status).toBe(401);
    expect(session.redirects).toBe(0);
    expect((await ok(api.GET('/api/auth/me'))).username).toBe(doctor.username);
  });

  it('given a new session replacing an old one (the designer confirming a publisher), when the old one is ended by naming its token, then the engine ends that one and the new session goes on', async () => {
    const old = await f.login(doctor);
    const session = sessionWith(await f.login(doctor));
    const api = createApiClient({ baseUrl: f.url, session });
    await api.POST('/api/auth/logout', { headers: { Authorization: `Bearer ${old}` } });
    expect((await f.request('GET', '/api/auth/me', old)).status).toBe(401);
    expect((await ok(api.GET('/api/auth/me'))).username).toBe(doctor.username);
    expect(session.redirects).toBe(0);
  });

  it('given a wrong password, when the doctor signs in, then the error names invalid credentials in both languages and no session is ended', async () => {
    const session = sessionWith(undefined);
    const api = createApiClient({ baseUrl: f.url, session });
    const error = await rejection(
      api.POST('/api/auth/login', {
        body: { username: doctor.username, password: 'not-the-password' },
      }),
    );
    expect([error.status, error.code]).toEqual([401, 'invalid_credentials']);
    expect(error.text('zh-CN')).toMatch(/^用户名或密码错误/);
    expect(error.text('en')).toMatch(/^Wrong username or password/);
    expect(session.redirects).toBe(0);
  });

  it('given a search with two criteria, when the engine refuses it, then the error carries its code and details', async () => {
    const session = sessionWith(await f.login(doctor));
    const api = createApiClient({ baseUrl: f.url, session });
    const error = await rejection(
      api.GET('/api/subjects', { params: { query: { name: '王', initials: 'w' } } }),
    );
    expect([error.status, error.code]).toEqual([400, 'one_criterion_required']);
    expect(error.details).toEqual({ given: ['name', 'initials'] });
  });

  it('given an engine that cannot be reached, when the app calls it, then the call rejects with network_unreachable instead of hanging', async () => {
    const session = sessionWith('x'.repeat(43));
    const api = createApiClient({ baseUrl: 'http://127.0.0.1:9', session });
    const error = await rejection(api.GET('/api/tasks'));
    expect([error.status, error.code]).toEqual([0, 'network_unreachable']);
    expect(session.redirects).toBe(0);
  });
});
