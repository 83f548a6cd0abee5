import type { ParameterizedContext } from 'koa';
import type { AuditTrail } from '../audit/AuditTrail.js';
import type { AuthService } from '../auth/AuthService.js';
import type { AccessGate } from '../http/AccessGate.js';
import type { RouteAccess } from '../http/defineRoute.js';
import { HttpError } from '../http/HttpError.js';
import type { RequestState } from '../http/requestContext.js';
import type { Caller } from './Caller.js';
import { MFA_PERMISSIONS, type Permission } from './permissions.js';
import { recordDenial } from './recordByCaller.js';

export const SESSION_COOKIE = 'formwork_session';

/** The bearer token of a request: `Authorization: Bearer …`, else the session cookie. */
export function tokenOf(ctx: ParameterizedContext<RequestState>): string | undefined {
  const header = ctx.get('authorization');
  const bearer = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header)?.[1];
  if (bearer) return bearer;
  const cookie = ctx.cookies.get(SESSION_COOKIE);
  return cookie && /^[A-Za-z0-9_-]{20,200}$/.test(cookie) ? cookie : undefined;
}

/**
 * Deny by default: public routes pass, every other route needs a live session, and a
 * permission route needs a grant carrying that permission (with a second factor for the
 * permissions that demand one). Every refusal of a signed-in caller is audited.
 */
export class RouteGate implements AccessGate {
  constructor(
    private readonly auth: AuthService,
    private readonly audit: AuditTrail,
  ) {}

  async admit(ctx: ParameterizedContext<RequestState>, access: RouteAccess) {
    if ('public' in access) return { caller: undefined, scope: undefined };
    const token = tokenOf(ctx);
    const caller = token ? await this.auth.authenticate(token) : undefined;
    if (!caller) {
      throw new HttpError(
        401,
        'unauthorized',
        '请先登录 / Sign in first (the session is missing or has expired)',
      );
    }
    ctx.state.log = ctx.state.log.child({ user: caller.user.username });
    if ('signedIn' in access) return { caller, scope: undefined };
    const scope = caller.scope(access.permission);
    if (!scope) await this.deny(ctx, caller, access.permission);
    return { caller, scope };
  }

  private async deny(
    ctx: ParameterizedContext<RequestState>,
    caller: Caller,
    permission: Permission,
  ): Promise<never> {
    const needsMfa = MFA_PERMISSIONS.has(permission) && caller.grantsWith(permission).length > 0;
    await recordDenial(
      this.audit,
      caller,
      { requestId: ctx.state.requestId, ip: ctx.ip },
      { method: ctx.method, route: ctx.path, permission, reason: needsMfa ? 'mfa' : 'permission' },
    );
    throw needsMfa
      ? new HttpError(
          403,
          'mfa_required',
          '此操作需要动态验证码登录 / This needs a session signed in with your authenticator code',
        )
      : new HttpError(403, 'forbidden', `没有权限 / You do not have the permission ${permission}`);
  }
}
