import type { Transaction } from 'sequelize';
import type { Caller } from '../access/Caller.js';
import { ROLES_BY_KEY } from '../access/roles.js';
import type { Scope } from '../access/Scope.js';
import type { AuditTrail } from '../audit/AuditTrail.js';
import type { AuditAction } from '../audit/auditActions.js';
import type { AuditDetails } from '../audit/AuditEvent.js';
import { checkPassword } from '../auth/passwordPolicy.js';
import { recordByCaller, recordDenial } from '../access/recordByCaller.js';
import type { PasswordHasher } from '../auth/PasswordHasher.js';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';
import type { OrgUnitStore } from '../orgs/OrgUnitStore.js';
import type { UserRecord, UserStore } from './UserStore.js';

export interface AdminMeta {
  requestId: string;
  ip: string | undefined;
}

/** The public view of a user (never the hash or TOTP secret). */
export function userView(
  user: UserRecord,
  grants: { id: string; role: string; orgCode: string }[],
) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    orgCode: user.orgCode,
    active: user.active,
    locked: user.lockedUntil !== null,
    totpEnabled: user.totpEnabled,
    grants,
  };
}

/**
 * User administration inside the administrator's scope: create users, grant and revoke roles,
 * unlock accounts. An administrator grants only inside their own scope, never to themselves, and
 * holding users.manage gives no right to use what it grants.
 */
export class UserAdmin {
  constructor(
    private readonly deps: {
      database: Database;
      users: UserStore;
      orgs: OrgUnitStore;
      audit: AuditTrail;
      hasher: PasswordHasher;
      clock: Clock;
    },
  ) {}

  private async orgInScope(code: string, scope: Scope, caller: Caller, meta: AdminMeta) {
    const org = await this.deps.orgs.get(code);
    if (!org) throw new HttpError(422, 'unknown_org_unit', `机构代码不存在 / No org unit ${code}`);
    if (!scope.covers(org.path)) {
      await recordDenial(this.deps.audit, caller, meta, {
        reason: 'org-out-of-scope',
        orgCode: code,
      });
      throw new HttpError(
        403,
        'out_of_scope',
        `机构 ${code} 不在您的管辖范围内 / Org unit ${code} is outside your scope`,
      );
    }
    return org;
  }

  /** A user the administrator may manage, or a 404 (an outside user's existence is not revealed). */
  async userInScope(
    id: string,
    scope: Scope,
    caller: Caller,
    meta: AdminMeta,
    transaction?: Transaction,
  ) {
    const user = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.deps.users.findById(id, transaction)
      : undefined;
    if (!user) throw new HttpError(404, 'not_found', '用户不存在 / No such user');
    if (!scope.covers(user.orgPath)) {
      await recordDenial(
        this.deps.audit,
        caller,
        meta,
        { reason: 'out-of-scope' },
        { targetType: 'user', targetId: id },
        transaction,
      );
      throw new HttpError(404, 'not_found', '用户不存在 / No such user');
    }
    return user;
  }

  async view(user: UserRecord) {
    const grants = await this.deps.users.grants(user.id);
    return userView(
      user,
      grants.map((g) => ({ id: g.id, role: g.role.key, orgCode: g.orgCode })),
    );
  }

  async list(scope: Scope) {
    const users = await this.deps.users.listInScope(scope.likePatterns());
    return Promise.all(users.map((u) => this.view(u)));
  }

  async create(
    input: { username: string; displayName: string; orgCode: string; password: string },
    caller: Caller,
    scope: Scope,
    meta: AdminMeta,
  ) {
    const org = await this.orgInScope(input.orgCode, scope, caller, meta);
    const violations = checkPassword(input.password, input.username);
    if (violations.length) {
      throw new HttpError(
        422,
        'password_policy',
        '初始密码不符合要求 / The password does not meet the policy',
        { violations },
      );
    }
    if (await this.deps.users.findByUsername(input.username)) {
      throw new HttpError(
        409,
        'username_taken',
        `用户名 ${input.username} 已存在 / The username ${input.username} is taken`,
      );
    }
    const passwordHash = await this.deps.hasher.hash(input.password);
    return this.deps.database.transaction(async (transaction) => {
      const user = await this.deps.users.create(
        {
          username: input.username,
          displayName: input.displayName,
          orgCode: org.code,
          orgPath: org.path,
          passwordHash,
        },
        this.deps.clock.now(),
        caller.user.id,
        transaction,
      );
      await this.audit(
        'user.create',
        caller,
        meta,
        { targetType: 'user', targetId: user.id },
        { username: user.username, orgCode: org.code },
        transaction,
      );
      return userView(user, []);
    });
  }

  async grant(
    userId: string,
    input: { role: string; orgCode: string },
    caller: Caller,
    scope: Scope,
    meta: AdminMeta,
  ) {
    const role = ROLES_BY_KEY.get(input.role);
    if (!role) throw new HttpError(422, 'unknown_role', `角色不存在 / No role ${input.role}`);
    if (userId === caller.user.id) {
      await recordDenial(this.deps.audit, caller, meta, { reason: 'self-grant', role: role.key });
      throw new HttpError(
        403,
        'self_grant',
        '不能给自己授权 / Administrators cannot grant roles to themselves',
      );
    }
    const user = await this.userInScope(userId, scope, caller, meta);
    const org = await this.orgInScope(input.orgCode, scope, caller, meta);
    if (org.level !== role.level) {
      throw new HttpError(
        422,
        'role_level_mismatch',
        `角色 ${role.title.zh} 只能授予在${role.level}级机构 / Role ${role.key} is granted at ${role.level} level, not at ${org.level} (${org.code})`,
      );
    }
    return this.deps.database.transaction(async (transaction) => {
      const id = await this.deps.users.addGrant(
        {
          userId: user.id,
          role: role.key,
          orgCode: org.code,
          orgPath: org.path,
          grantedBy: caller.user.id,
        },
        this.deps.clock.now(),
        transaction,
      );
      await this.audit(
        'grant.create',
        caller,
        meta,
        { targetType: 'user', targetId: user.id },
        { grantId: id, role: role.key, orgCode: org.code },
        transaction,
      );
      return { id, role: role.key, orgCode: org.code };
    });
  }

  async revoke(userId: string, grantId: string, caller: Caller, scope: Scope, meta: AdminMeta) {
    const user = await this.userInScope(userId, scope, caller, meta);
    const grant = (await this.deps.users.grants(user.id)).find((g) => g.id === grantId);
    if (!grant) throw new HttpError(404, 'not_found', '授权不存在 / No such grant');
    if (!scope.covers(grant.orgPath)) {
      await recordDenial(this.deps.audit, caller, meta, { reason: 'grant-out-of-scope', grantId });
      throw new HttpError(
        403,
        'out_of_scope',
        '该授权不在您的管辖范围内 / That grant is outside your scope',
      );
    }
    await this.deps.database.transaction(async (transaction) => {
      await this.deps.users.revokeGrant(
        grantId,
        user.id,
        caller.user.id,
        this.deps.clock.now(),
        transaction,
      );
      await this.audit(
        'grant.revoke',
        caller,
        meta,
        { targetType: 'user', targetId: user.id },
        { grantId, role: grant.role.key },
        transaction,
      );
    });
  }

  async unlock(userId: string, caller: Caller, scope: Scope, meta: AdminMeta) {
    const user = await this.userInScope(userId, scope, caller, meta);
    await this.deps.users.update(user.id, { failedAttempts: 0, lockedUntil: null });
    await this.audit(
      'user.update',
      caller,
      meta,
      { targetType: 'user', targetId: user.id },
      { change: 'unlock' },
    );
  }

  private audit(
    action: AuditAction,
    caller: Caller,
    meta: AdminMeta,
    target: { targetType: string; targetId: string },
    details: AuditDetails,
    transaction?: Transaction,
  ) {
    return recordByCaller(
      this.deps.audit,
      caller,
      meta,
      { action, ...target, details },
      transaction,
    );
  }
}
