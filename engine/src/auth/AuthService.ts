import type { AuditTrail } from '../audit/AuditTrail.js';
import type { AuditAction } from '../audit/auditActions.js';
import type { AuditDetails } from '../audit/AuditEvent.js';
import { ROLES_BY_KEY } from '../access/roles.js';
import { Caller } from '../access/Caller.js';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import type { PersonalDataCipher } from '../security/PersonalDataCipher.js';
import type { UserRecord, UserStore } from '../users/UserStore.js';
import type { LoginRateLimiter } from './LoginRateLimiter.js';
import { checkPassword } from './passwordPolicy.js';
import { dummyHash, type PasswordHasher } from './PasswordHasher.js';
import type { SessionStore } from './SessionStore.js';
import { totp } from './totp.js';

/**
 * Sign-in attempts per minute: per client address (a health centre's staff share one NAT
 * address) and per username.
 */
export const LOGIN_LIMITS = { perAddress: 300, perUsername: 10 } as const;

/** Five wrong attempts in a row lock the account for fifteen minutes. */
export const LOCKOUT_POLICY = { maxFailures: 5, lockMs: 15 * 60_000 } as const;

export interface RequestMeta {
  ip: string | undefined;
  requestId: string;
}

export interface AuthDeps {
  database: Database;
  users: UserStore;
  sessions: SessionStore;
  audit: AuditTrail;
  cipher: PersonalDataCipher;
  hasher: PasswordHasher;
  clock: Clock;
  limiter: LoginRateLimiter;
  /** Attempts per minute per username (LOGIN_ATTEMPTS_PER_USERNAME); LOGIN_LIMITS' by default. */
  attemptsPerUsername?: number;
}

/** Encryption context of users.totp_secret (a ciphertext moved elsewhere will not decrypt). */
export const TOTP_SECRET_CONTEXT = 'users.totp_secret';
const LOCK_MINUTES = LOCKOUT_POLICY.lockMs / 60_000;
/**
 * The one answer to a wrong password, an unknown or disabled username and a locked account, so
 * that no answer tells whether an account exists. It names the lock, so the owner of a locked
 * account knows what happened and what to do (see README: sign-in).
 */
const WRONG = () =>
  new HttpError(
    401,
    'invalid_credentials',
    `用户名或密码错误；连续输错 ${LOCKOUT_POLICY.maxFailures} 次后账户锁定 ${LOCK_MINUTES} 分钟，请稍后再试或请管理员解锁 / ` +
      `Wrong username or password. After ${LOCKOUT_POLICY.maxFailures} wrong attempts in a row the account is locked for ${LOCK_MINUTES} minutes: try again later, or ask your administrator to unlock it`,
  );

const TOTP_WRONG = (status: 401 | 422) =>
  new HttpError(status, 'totp_invalid', '动态验证码错误 / The authenticator code is wrong');
const TOTP_REUSED = (status: 401 | 422) =>
  new HttpError(
    status,
    'totp_reused',
    '此验证码已使用，请等待下一个 / This code was already used: wait for the next one',
  );

/**
 * Sign-in (password, lockout, rate limit, TOTP), sessions and the caller behind a token. Every
 * sign-in, failure and lockout is audited.
 */
export class AuthService {
  constructor(private readonly deps: AuthDeps) {}

  async login(
    input: { username: string; password: string; totp?: string | undefined },
    meta: RequestMeta,
  ) {
    const { users, hasher, clock, limiter, sessions } = this.deps;
    if (
      !limiter.allow(`ip:${meta.ip ?? '?'}`, LOGIN_LIMITS.perAddress) ||
      !limiter.allow(
        `user:${input.username}`,
        this.deps.attemptsPerUsername ?? LOGIN_LIMITS.perUsername,
      )
    ) {
      throw new HttpError(
        429,
        'too_many_attempts',
        '登录尝试过于频繁，请稍后再试 / Too many sign-in attempts: try again in a minute',
      );
    }
    const user = await users.findByUsername(input.username);
    if (!user || !user.active) {
      // The same password check as for a real account, so the time taken does not tell either.
      await hasher.verify(await dummyHash(), input.password);
      if (user) {
        await this.audit('auth.login.failure', 'failure', meta, user, { reason: 'inactive' });
      } else {
        // The typed name goes in actor_username (not details): it may be anything a user typed.
        await this.deps.audit.record({
          action: 'auth.login.failure',
          outcome: 'failure',
          actorUsername: input.username,
          requestId: meta.requestId,
          ip: meta.ip ?? null,
          details: { reason: 'unknown-user' },
        });
      }
      throw WRONG();
    }
    const now = clock.now();
    if (user.lockedUntil && user.lockedUntil > now) {
      // Answered like a wrong password, after the same work: the lock must tell an outsider
      // neither that the account exists nor whether the password was right.
      await hasher.verify(await dummyHash(), input.password);
      await this.audit('auth.login.failure', 'failure', meta, user, { reason: 'locked' });
      throw WRONG();
    }
    if (!(await hasher.verify(user.passwordHash, input.password))) {
      await this.failure(user, meta, 'wrong-password');
      throw WRONG();
    }
    let mfa = false;
    if (user.totpEnabled) {
      if (!input.totp) {
        throw new HttpError(
          401,
          'totp_required',
          '请输入动态验证码 / Enter the code from your authenticator app',
        );
      }
      const secret = this.deps.cipher.decrypt(user.totpSecret!, TOTP_SECRET_CONTEXT);
      const step = totp.verify(secret, input.totp, now);
      if (step === undefined) {
        await this.failure(user, meta, 'wrong-totp');
        throw TOTP_WRONG(401);
      }
      if (!(await users.claimTotpStep(user.id, step))) {
        // A right code, but its time step (or a later one) already signed in: a replay.
        await this.failure(user, meta, 'reused-totp');
        throw TOTP_REUSED(401);
      }
      mfa = true;
    }
    await users.update(user.id, { failedAttempts: 0, lockedUntil: null });
    const { token, session } = await sessions.create(user.id, mfa, meta.ip);
    await this.audit('auth.login.success', 'success', meta, user, { mfa });
    const caller = await this.callerFor(user, session.id, mfa);
    return { token, session, caller };
  }

  private async failure(user: UserRecord, meta: RequestMeta, reason: string) {
    const failures = user.failedAttempts + 1;
    const lock = failures >= LOCKOUT_POLICY.maxFailures;
    await this.deps.users.update(user.id, {
      failedAttempts: lock ? 0 : failures,
      ...(lock
        ? { lockedUntil: new Date(this.deps.clock.now().getTime() + LOCKOUT_POLICY.lockMs) }
        : {}),
    });
    await this.audit('auth.login.failure', 'failure', meta, user, { reason, failures });
    if (lock)
      await this.audit('auth.lockout', 'success', meta, user, {
        minutes: LOCKOUT_POLICY.lockMs / 60_000,
      });
  }

  private async callerFor(user: UserRecord, sessionId: string, mfa: boolean) {
    const grants = await this.deps.users.grants(user.id);
    return new Caller(
      {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        orgCode: user.orgCode,
      },
      sessionId,
      mfa,
      grants,
    );
  }

  /**
   * The caller behind a bearer token or session cookie; undefined when it is not a live session.
   * One SQL statement: session, user and grants together.
   */
  async authenticate(token: string): Promise<Caller | undefined> {
    const session = await this.deps.sessions.resolve(token);
    if (!session) return undefined;
    const grants = session.grants.flatMap((g) => {
      const role = ROLES_BY_KEY.get(g.role);
      return role ? [{ id: g.id, role, orgCode: g.orgCode, orgPath: g.orgPath }] : [];
    });
    return new Caller(session.user, session.id, session.mfa, grants);
  }

  async logout(caller: Caller, meta: RequestMeta) {
    await this.deps.sessions.revoke(caller.sessionId);
    await this.audit('auth.logout', 'success', meta, caller.user);
  }

  async changePassword(caller: Caller, current: string, next: string, meta: RequestMeta) {
    const user = (await this.deps.users.findById(caller.user.id))!;
    if (!(await this.deps.hasher.verify(user.passwordHash, current))) {
      throw new HttpError(
        403,
        'invalid_credentials',
        '当前密码错误 / The current password is wrong',
      );
    }
    const violations = checkPassword(next, user.username);
    if (violations.length) {
      throw new HttpError(
        422,
        'password_policy',
        '新密码不符合要求 / The new password does not meet the policy',
        { violations },
      );
    }
    await this.deps.users.update(user.id, {
      passwordHash: await this.deps.hasher.hash(next),
      passwordChangedAt: this.deps.clock.now(),
    });
    await this.deps.sessions.revokeAllFor(user.id);
    await this.audit('auth.password.changed', 'success', meta, caller.user);
  }

  /** Starts TOTP enrolment: a new secret, stored encrypted, enabled once a code proves it. */
  async beginTotp(caller: Caller) {
    const secret = totp.newSecret();
    await this.deps.users.update(caller.user.id, {
      totpSecret: this.deps.cipher.encrypt(secret, TOTP_SECRET_CONTEXT),
      totpEnabled: false,
    });
    return { secret, otpauthUrl: totp.uri(secret, caller.user.username) };
  }

  async enableTotp(caller: Caller, code: string, meta: RequestMeta) {
    const user = (await this.deps.users.findById(caller.user.id))!;
    if (!user.totpSecret) {
      throw new HttpError(
        409,
        'totp_not_started',
        '请先生成动态验证密钥 / Start TOTP enrolment first',
      );
    }
    const secret = this.deps.cipher.decrypt(user.totpSecret, TOTP_SECRET_CONTEXT);
    const step = totp.verify(secret, code, this.deps.clock.now());
    if (step === undefined) throw TOTP_WRONG(422);
    if (!(await this.deps.users.claimTotpStep(user.id, step))) throw TOTP_REUSED(422);
    await this.deps.users.update(user.id, { totpEnabled: true });
    await this.deps.sessions.markMfa(caller.sessionId);
    await this.audit('auth.totp.enabled', 'success', meta, caller.user);
  }

  private async audit(
    action: AuditAction,
    outcome: 'success' | 'failure' | 'denied',
    meta: RequestMeta,
    user: { id: string; username: string; orgCode: string } | undefined,
    details: AuditDetails = {},
  ) {
    await this.deps.audit.record({
      action,
      outcome,
      actorUserId: user?.id ?? null,
      actorUsername: user?.username ?? null,
      orgUnitCode: user?.orgCode ?? null,
      requestId: meta.requestId,
      ip: meta.ip ?? null,
      details,
    });
  }
}
