import { MFA_PERMISSIONS, type Permission } from './permissions.js';
import type { RoleDefinition } from './roles.js';
import { Scope } from './Scope.js';

export interface CallerGrant {
  id: string;
  role: RoleDefinition;
  orgCode: string;
  orgPath: string;
}

export interface CallerUser {
  id: string;
  username: string;
  displayName: string;
  orgCode: string;
}

/** The signed-in user behind a request, with the grants that decide what they may do and where. */
export class Caller {
  constructor(
    readonly user: CallerUser,
    readonly sessionId: string,
    /** The session passed a TOTP second factor. */
    readonly mfa: boolean,
    readonly grants: readonly CallerGrant[],
  ) {}

  /** Grants carrying the permission, ignoring the second factor. */
  grantsWith(permission: Permission): CallerGrant[] {
    return this.grants.filter((g) => g.role.permissions.includes(permission));
  }

  /** Where the caller may use `permission` now; undefined when nowhere. */
  scope(permission: Permission): Scope | undefined {
    if (MFA_PERMISSIONS.has(permission) && !this.mfa) return undefined;
    const grants = this.grantsWith(permission);
    if (!grants.length) return undefined;
    return new Scope(grants.map((g) => ({ orgPath: g.orgPath, line: g.role.line })));
  }

  can(permission: Permission): boolean {
    return this.scope(permission) !== undefined;
  }

  /** Whether any grant needs a second factor (the user must enrol TOTP). */
  get needsMfa(): boolean {
    return this.grants.some((g) => g.role.permissions.some((p) => MFA_PERMISSIONS.has(p)));
  }
}
