import { z } from 'zod';
import { defineRoute } from '../http/defineRoute.js';
import type { UserAdmin } from '../users/UserAdmin.js';

const Grant = z
  .object({ id: z.string(), role: z.string(), orgCode: z.string() })
  .meta({ id: 'Grant' });
const User = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    orgCode: z.string(),
    active: z.boolean(),
    locked: z.boolean(),
    totpEnabled: z.boolean(),
    grants: z.array(Grant),
  })
  .meta({ id: 'User' });
const UserId = z.object({ id: z.string().uuid() });
const meta = (ctx: { ip: string; state: { requestId: string } }) => ({
  ip: ctx.ip,
  requestId: ctx.state.requestId,
});

export function userRoutes(admin: UserAdmin) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/users',
      operationId: 'listUsers',
      summary: 'Users whose institution lies in your administrative scope',
      tags: ['users'],
      access: { permission: 'users.manage' },
      responses: { 200: { description: 'Users', schema: z.object({ users: z.array(User) }) } },
      handler: async ({ scope }) => ({ users: await admin.list(scope!) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users',
      operationId: 'createUser',
      summary: 'Create a user at an institution in your scope',
      tags: ['users'],
      access: { permission: 'users.manage' },
      request: {
        body: z.object({
          username: z.string().regex(/^[a-z][a-z0-9._-]{2,31}$/),
          displayName: z.string().min(1).max(50),
          orgCode: z.string().min(2).max(40),
          password: z.string().min(1).max(128),
        }),
      },
      responses: {
        201: { description: 'Created', schema: User },
        409: { description: 'Username taken' },
        422: { description: 'Password policy or unknown org unit' },
      },
      handler: ({ body, caller, scope }, ctx) => admin.create(body, caller!, scope!, meta(ctx)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/users/:id',
      operationId: 'getUser',
      summary: 'One user in your scope',
      tags: ['users'],
      access: { permission: 'users.manage' },
      request: { params: UserId },
      responses: { 200: { description: 'User', schema: User } },
      handler: async ({ params, caller, scope }, ctx) =>
        admin.view(await admin.userInScope(params.id, scope!, caller!, meta(ctx))),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:id/grants',
      operationId: 'grantRole',
      summary: 'Grant a role over an org unit (inside your scope, never to yourself)',
      tags: ['users'],
      access: { permission: 'users.manage' },
      request: {
        params: UserId,
        body: z.object({ role: z.string().min(1), orgCode: z.string().min(2).max(40) }),
      },
      responses: { 201: { description: 'Granted', schema: Grant } },
      handler: ({ params, body, caller, scope }, ctx) =>
        admin.grant(params.id, body, caller!, scope!, meta(ctx)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/users/:id/grants/:grantId',
      operationId: 'revokeRole',
      summary: 'Revoke a grant',
      tags: ['users'],
      access: { permission: 'users.manage' },
      request: { params: z.object({ id: z.string().uuid(), grantId: z.string().uuid() }) },
      responses: { 204: { description: 'Revoked' } },
      handler: async ({ params, caller, scope }, ctx) => {
        await admin.revoke(params.id, params.grantId, caller!, scope!, meta(ctx));
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:id/unlock',
      operationId: 'unlockUser',
      summary: 'Lift a lockout after failed sign-ins',
      tags: ['users'],
      access: { permission: 'users.manage' },
      request: { params: UserId },
      responses: { 204: { description: 'Unlocked' } },
      handler: async ({ params, caller, scope }, ctx) => {
        await admin.unlock(params.id, caller!, scope!, meta(ctx));
        return undefined;
      },
    }),
  ];
}
