import { z } from 'zod';
import { SESSION_COOKIE } from '../access/RouteGate.js';
import { PERMISSIONS } from '../access/permissions.js';
import type { AuthService } from '../auth/AuthService.js';
import { SESSION_POLICY } from '../auth/SessionStore.js';
import { defineRoute } from '../http/defineRoute.js';
import type { Caller } from '../access/Caller.js';
import type { Permission } from '../access/permissions.js';

const Me = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    orgCode: z.string(),
    mfa: z.boolean().meta({ description: 'This session passed a TOTP second factor' }),
    mfaSetupRequired: z.boolean().meta({ description: 'A role needs TOTP and none is enrolled' }),
    grants: z.array(z.object({ id: z.string(), role: z.string(), orgCode: z.string() })),
    permissions: z.array(z.string()).meta({ description: 'Permissions usable in this session' }),
  })
  .meta({ id: 'Me' });

function me(caller: Caller, totpEnabled: boolean) {
  return {
    id: caller.user.id,
    username: caller.user.username,
    displayName: caller.user.displayName,
    orgCode: caller.user.orgCode,
    mfa: caller.mfa,
    mfaSetupRequired: caller.needsMfa && !totpEnabled,
    grants: caller.grants.map((g) => ({ id: g.id, role: g.role.key, orgCode: g.orgCode })),
    permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((p) => caller.can(p)),
  };
}

export function authRoutes(auth: AuthService, totpEnabled: (userId: string) => Promise<boolean>) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      operationId: 'login',
      summary: 'Sign in with username, password and (when enrolled) a TOTP code',
      tags: ['auth'],
      access: { public: true, reason: 'This is how a session starts.' },
      request: {
        body: z.object({
          username: z.string().min(1).max(64),
          password: z.string().min(1).max(256),
          totp: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
        }),
      },
      responses: {
        200: {
          description: 'Signed in; the token is also set as an HttpOnly cookie',
          schema: z.object({ token: z.string(), expiresAt: z.string(), user: Me }),
        },
        401: {
          description:
            'invalid_credentials: wrong password, unknown name or locked account (one answer for all three); totp_required, totp_invalid, or totp_reused (a code already used)',
        },
        429: { description: 'Too many attempts' },
      },
      handler: async ({ body }, ctx) => {
        const { token, session, caller } = await auth.login(body, {
          ip: ctx.ip,
          requestId: ctx.state.requestId,
        });
        ctx.cookies.set(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: ctx.secure,
          path: '/',
          maxAge: SESSION_POLICY.absoluteMs,
        });
        return {
          token,
          expiresAt: session.expiresAt.toISOString(),
          user: me(caller, await totpEnabled(caller.user.id)),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      operationId: 'logout',
      summary: 'Sign out: the session ends now',
      tags: ['auth'],
      access: { signedIn: true },
      responses: { 204: { description: 'Signed out' } },
      handler: async ({ caller }, ctx) => {
        await auth.logout(caller!, { ip: ctx.ip, requestId: ctx.state.requestId });
        ctx.cookies.set(SESSION_COOKIE, null, { path: '/' });
        ctx.status = 204;
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/me',
      operationId: 'getMe',
      summary: 'The signed-in user, grants and usable permissions',
      tags: ['auth'],
      access: { signedIn: true },
      responses: { 200: { description: 'Me', schema: Me } },
      handler: async ({ caller }) => me(caller!, await totpEnabled(caller!.user.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/password',
      operationId: 'changePassword',
      summary: 'Change the password (every session of the user ends)',
      tags: ['auth'],
      access: { signedIn: true },
      request: {
        body: z.object({
          currentPassword: z.string().min(1).max(256),
          newPassword: z.string().min(1).max(256),
        }),
      },
      responses: { 204: { description: 'Changed' }, 422: { description: 'The policy refuses it' } },
      handler: async ({ caller, body }, ctx) => {
        await auth.changePassword(caller!, body.currentPassword, body.newPassword, {
          ip: ctx.ip,
          requestId: ctx.state.requestId,
        });
        ctx.status = 204;
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/totp/setup',
      operationId: 'beginTotp',
      summary: 'Start TOTP enrolment: a secret for the authenticator app',
      tags: ['auth'],
      access: { signedIn: true },
      responses: {
        200: {
          description: 'Secret and otpauth URL',
          schema: z.object({ secret: z.string(), otpauthUrl: z.string() }),
        },
      },
      handler: ({ caller }) => auth.beginTotp(caller!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/totp/enable',
      operationId: 'enableTotp',
      summary: 'Finish TOTP enrolment with a code; this session counts as two-factor',
      tags: ['auth'],
      access: { signedIn: true },
      request: { body: z.object({ code: z.string().regex(/^\d{6}$/) }) },
      responses: { 204: { description: 'Enabled' }, 422: { description: 'Wrong code' } },
      handler: async ({ caller, body }, ctx) => {
        await auth.enableTotp(caller!, body.code, { ip: ctx.ip, requestId: ctx.state.requestId });
        ctx.status = 204;
        return undefined;
      },
    }),
  ];
}
