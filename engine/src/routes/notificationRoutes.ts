import { z } from 'zod';
import { defineRoute, type AnyRouteDefinition } from '../http/defineRoute.js';
import { NOTIFICATION_KINDS, type NotificationService } from '../reminders/NotificationService.js';

const Notification = z
  .object({
    id: z.string(),
    kind: z.enum(NOTIFICATION_KINDS).meta({
      description: 'reminder: a due item fell due soon or overdue; workflow: a workflow’s notify',
    }),
    title: z.object({ zh: z.string(), en: z.string() }),
    subjectId: z.string().nullable().meta({ description: 'The resident it is about' }),
    dueItemId: z.string().nullable(),
    reminderId: z.string().nullable(),
    workflowInstanceId: z.string().nullable(),
    formKey: z.string().nullable().meta({ description: 'The form that records the follow-up' }),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });

const UUID = z.string().uuid();

/** The caller's in-app notifications (NotificationService): only ever the recipient's own. */
export function notificationRoutes(notifications: NotificationService): AnyRouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/notifications',
      operationId: 'listNotifications',
      summary: 'My notifications, newest first, with the unread count',
      description:
        'The signed-in user’s own notifications (reminders of their residents’ due follow-ups, ' +
        'workflow notices). unread=true lists only the unread ones; total counts what the filter ' +
        'lists, unread counts every unread one.',
      tags: ['notifications'],
      access: { signedIn: true },
      request: {
        query: z.object({
          unread: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true'),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
      },
      responses: {
        200: {
          description: 'The page, the total and the unread count',
          schema: z.object({
            items: z.array(Notification),
            total: z.number(),
            unread: z.number(),
            limit: z.number(),
            offset: z.number(),
          }),
        },
        400: { description: 'A query parameter is not valid (named in details)' },
      },
      handler: async ({ query, caller }) => ({
        ...(await notifications.list(caller!, query)),
        limit: query.limit,
        offset: query.offset,
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/:id/read',
      operationId: 'readNotification',
      summary: 'Marks one of my notifications read',
      description:
        'Only the recipient may: anyone else’s notification answers 404 like one that does not ' +
        'exist (the refusal is audited). Reading it again keeps the first time.',
      tags: ['notifications'],
      access: { signedIn: true },
      request: { params: z.object({ id: UUID }) },
      responses: {
        200: { description: 'The notification, read', schema: Notification },
        400: { description: 'The id is not a UUID' },
        404: { description: 'notification_not_found: none of the caller’s has this id' },
      },
      handler: ({ params, caller }, ctx) =>
        notifications.markRead(caller!, params.id, {
          requestId: ctx.state.requestId,
          ip: ctx.ip,
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/read-all',
      operationId: 'readAllNotifications',
      summary: 'Marks all my notifications read',
      tags: ['notifications'],
      access: { signedIn: true },
      responses: {
        200: {
          description: 'How many were unread',
          schema: z.object({ marked: z.number() }),
        },
      },
      handler: async ({ caller }) => ({ marked: await notifications.markAllRead(caller!) }),
    }),
  ];
}
