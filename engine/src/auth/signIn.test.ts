import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture } from '../testing/index.js';
import { totp } from './totp.js';
import { SESSION_POLICY } from './SessionStore.js';
import { LOCKOUT_POLICY, LOGIN_LIMITS } from './AuthService.js';

describe('signing in', () => {
  let f: IdentityFixture;
  beforeAll(async () => {
    f = await IdentityFixture.start();
  });
  afterAll(() => f?.stop());

  /** The reasons of the audited sign-in failures of a username, oldest first. */
  async function failureReasons(username: string): Promise<string[]> {
    const [rows] = await f.t.engine.database.sequelize.query(
      `SELECT details->>'reason' AS reason FROM audit_events
       WHERE action = 'auth.login.failure' AND actor_username = $1 ORDER BY seq`,
      { bind: [username] },
    );
    return (rows as { reason: string }[]).map((r) => r.reason);
  }

  it('given a village doctor, when she signs in, then she gets a token and an HttpOnly cookie, and it is audited', async () => {
    const doctor = await f.user('village-doctor', '350121101201');
    const response = await f.request('POST', '/api/auth/login', undefined, {
      username: doctor.username,
      password: doctor.password,
    });
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ username: doctor.username, mfa: false });
    expect(response.body.user.permissions).toEqual([
      'records.capture',
      'records.read',
      'tasks.work',
    ]);
    expect(response.headers.get('set-cookie')).toMatch(/formwork_session=.*httponly/i);
    expect(response.headers.get('set-cookie')).toMatch(/samesite=strict/i);
    const me = await f.request('GET', '/api/auth/me', response.body.token);
    expect(me.body.username).toBe(doctor.username);
    expect(await f.auditActions()).toContain('auth.login.success');
  });

  it('a wrong password and an unknown user get the same answer', async () => {
    const doctor = await f.user('village-doctor', '350121101201');
    const wrong = await f.request('POST', '/api/auth/login', undefined, {
      username: doctor.username,
      password: 'nope-Nope-1',
    });
    const unknown = await f.request('POST', '/api/auth/login', undefined, {
      username: 'nobody-here',
      password: 'nope-Nope-1',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it(`given ${LOCKOUT_POLICY.maxFailures} wrong passwords in a row, when the owner then types the right one, then she is refused until the lock expires, and the lockout is audited`, async () => {
    const doctor = await f.user('village-doctor', '350121101201');
    for (let i = 0; i < LOCKOUT_POLICY.maxFailures; i++) {
      await f.request('POST', '/api/auth/login', undefined, {
        username: doctor.username,
        password: `Wrong-pass-${i}`,
      });
    }
    const locked = await f.request('POST', '/api/auth/login', undefined, {
      username: doctor.username,
      password: doctor.password,
    });
    expect(locked.status).toBe(401);
    expect(locked.body.error.code).toBe('invalid_credentials');
    expect(locked.body.error.message).toMatch(/locked for 15 minutes/);
    expect(await f.auditActions()).toContain('auth.lockout');
    expect(await failureReasons(doctor.username)).toEqual([
      ...Array(LOCKOUT_POLICY.maxFailures).fill('wrong-password'),
      'locked',
    ]);

    f.clock.advance(LOCKOUT_POLICY.lockMs + 1000);
    const after = await f.request('POST', '/api/auth/login', undefined, {
      username: doctor.username,
      password: doctor.password,
    });
    expect(after.status).toBe(200);
  });

  it('given a real account and a name nobody has, when both are tried with wrong passwords past the lockout and then the real one with its right password, then every answer is the same', async () => {
    const doctor = await f.user('village-doctor', '350121101201');
    const attempts = LOCKOUT_POLICY.maxFailures + 2;
    const answers = async (username: string, lastPassword: string) => {
      const seen: { status: number; body: unknown }[] = [];
      for (let i = 0; i < attempts; i++) {
        const password = i === attempts - 1 ? lastPassword : `Wrong-pass-${i}`;
        const response = await f.request('POST', '/api/auth/login', undefined, {
          username,
          password,
        });
        seen.push({ status: response.status, body: response.body });
      }
      return seen;
    };
    const real = await answers(doctor.username, doctor.password);
    const unknown = await answers(`${doctor.username}-nobody`, doctor.password);
    expect(real).toEqual(unknown);
    expect(real.every((a) => a.status === 401)).toBe(true);
    f.clock.advance(LOCKOUT_POLICY.lockMs + 1000);
  });

  it('a session ends after 30 idle minutes, and after 12 hours however busy, and at sign-out', async () => {
    const doctor = await f.user('village-doctor', '350121101201');
    const idle = await f.login(doctor);
    f.clock.advance(SESSION_POLICY.idleMs - 60_000);
    expect((await f.request('GET', '/api/auth/me', idle)).status).toBe(200);
    f.clock.advance(SESSION_POLICY.idleMs + 1000);
    expect((await f.request('GET', '/api/auth/me', idle)).status).toBe(401);

    const busy = await f.login(doctor);
    for (let spent = 0; spent < SESSION_POLICY.absoluteMs; spent += 20 * 60_000) {
      f.clock.advance(20 * 60_000);
      await f.request('GET', '/api/auth/me', busy);
    }
    const expired = await f.request('GET', '/api/auth/me', busy);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('unauthorized');

    const token = await f.login(doctor);
    expect((await f.request('POST', '/api/auth/logout', token)).status).toBe(204);
    expect((await f.request('GET', '/api/auth/me', token)).status).toBe(401);
  });

  it('an administrator without TOTP may sign in but not administer until enrolled; then the code is required', async () => {
    const admin = await f.user('county-admin', '350121');
    const first = await f.login(admin);
    const me = await f.request('GET', '/api/auth/me', first);
    expect(me.body).toMatchObject({ mfa: false, mfaSetupRequired: true, permissions: [] });
    const refused = await f.request('GET', '/api/users', first);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('mfa_required');

    const setup = await f.request('POST', '/api/auth/totp/setup', first);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Formwork:/);
    const wrongCode = await f.request('POST', '/api/auth/totp/enable', first, { code: '000000' });
    expect(wrongCode.status).toBe(422);
    const code = totp.codeAt(setup.body.secret, f.clock.now());
    expect((await f.request('POST', '/api/auth/totp/enable', first, { code })).status).toBe(204);
    expect((await f.request('GET', '/api/users', first)).status).toBe(200);

    const withoutCode = await f.request('POST', '/api/auth/login', undefined, {
      username: admin.username,
      password: admin.password,
    });
    expect(withoutCode.body.error.code).toBe('totp_required');
    const badCode = await f.request('POST', '/api/auth/login', undefined, {
      username: admin.username,
      password: admin.password,
      totp: '123456',
    });
    expect(badCode.body.error.code).toBe('totp_invalid');
    f.clock.advance(60_000);
    const good = await f.request('POST', '/api/auth/login', undefined, {
      username: admin.username,
      password: admin.password,
      totp: totp.codeAt(setup.body.secret, f.clock.now()),
    });
    expect(good.status).toBe(200);
    expect(good.body.user).toMatchObject({ mfa: true, permissions: ['users.manage'] });
  });

  it('given a TOTP code already used to sign in, when a shoulder-surfer replays it with the right password, then the answer says it was already used, and the next code works', async () => {
    const admin = await f.user('county-admin', '350121', { withTotp: true });
    const code = totp.codeAt(admin.totpSecret!, f.clock.now());
    const body = { username: admin.username, password: admin.password, totp: code };
    expect((await f.request('POST', '/api/auth/login', undefined, body)).status).toBe(200);
    const replay = await f.request('POST', '/api/auth/login', undefined, body);
    expect(replay.status).toBe(401);
    expect(replay.body.error).toMatchObject({
      code: 'totp_reused',
      message: expect.stringMatching(/already used/),
    });
    // Only after the right password: with a wrong one the same code is just wrong credentials.
    const guess = await f.request('POST', '/api/auth/login', undefined, {
      ...body,
      password: 'Wrong-pass-0',
    });
    expect(guess.body.error.code).toBe('invalid_credentials');
    const wrong = await f.request('POST', '/api/auth/login', undefined, {
      ...body,
      totp: code === '000000' ? '000001' : '000000',
    });
    expect(wrong.body.error.code).toBe('totp_invalid');
    f.clock.advance(30_000);
    const next = totp.codeAt(admin.totpSecret!, f.clock.now());
    expect(
      (await f.request('POST', '/api/auth/login', undefined, { ...body, totp: next })).status,
    ).toBe(200);
  });

  it('refuses a new password that breaks the policy, naming the rule', async () => {
    const doctor = await f.user('village-doctor', '350121101201');
    const token = await f.login(doctor);
    const weak = await f.request('POST', '/api/auth/password', token, {
      currentPassword: doctor.password,
      newPassword: 'abc',
    });
    expect(weak.status).toBe(422);
    expect(weak.body.error.details.violations.map((v: { code: string }) => v.code)).toEqual(
      expect.arrayContaining(['too-short', 'too-simple']),
    );
    const ok = await f.request('POST', '/api/auth/password', token, {
      currentPassword: doctor.password,
      newPassword: 'Green-Terrace-88',
    });
    expect(ok.status).toBe(204);
    // Changing the password ends every session.
    expect((await f.request('GET', '/api/auth/me', token)).status).toBe(401);
  });

  it('slows down a flood of sign-in attempts on one username with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_LIMITS.perUsername; i++) {
      const response = await f.request('POST', '/api/auth/login', undefined, {
        username: 'flood',
        password: 'x',
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array(LOGIN_LIMITS.perUsername).fill(401), 429]);
    f.clock.advance(61_000);
  });
});
