import { randomUUID } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Caller } from '../access/Caller.js';
import { recordDenial, type RequestContext } from '../access/recordByCaller.js';
import type { AuditTrail } from '../audit/AuditTrail.js';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { HttpError } from '../http/HttpError.js';

export const NOTIFICATION_KINDS = ['reminder', 'workflow'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A notification to write (one recipient each). */
export interface NewNotification {
  id?: string;
  recipientUserId: string;
  kind: NotificationKind;
  title: { zh: string; en: string };
  subjectId?: string | null;
  dueItemId?: string | null;
  reminderId?: string | null;
  workflowInstanceId?: string | null;
  formKey?: string | null;
}

/** A notification as its recipient sees it. */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  title: { zh: string; en: string };
  subjectId: string | null;
  dueItemId: string | null;
  reminderId: string | null;
  workflowInstanceId: string | null;
  formKey: string | null;
  createdAt: string;
  readAt: string | null;
}

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  title: { zh: string; en: string };
  subject_id: string | null;
  due_item_id: string | null;
  reminder_id: string | null;
  workflow_instance_id: string | null;
  form_key: string | null;
  created_at: Date | string;
  read_at: Date | string | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();

const view = (row: NotificationRow): NotificationView => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  subjectId: row.subject_id,
  dueItemId: row.due_item_id,
  reminderId: row.reminder_id,
  workflowInstanceId: row.workflow_instance_id,
  formKey: row.form_key,
  createdAt: iso(row.created_at),
  readAt: row.read_at === null ? null : iso(row.read_at),
});

const notFound = () =>
  new HttpError(404, 'notification_not_found', '没有这条通知 / No such notification');

/**
 * In-app notifications (reminders, the workflow service `notify`): written in the transaction
 * of what caused them; each is seen, listed and marked read by its recipient only. A
 * notification names the resident by id and carries no record content, so listing is not a
 * record access (opening the resident is, and is audited there).
 */
export class NotificationService {
  constructor(private readonly deps: { database: Database; audit: AuditTrail; clock: Clock }) {}

  /** Writes notifications in the caller's transaction; returns their ids in order. */
  async write(notifications: readonly NewNotification[], transaction: Transaction) {
    if (!notifications.length) return [];
    const rows = notifications.map((n) => ({
      id: n.id ?? randomUUID(),
      recipient_user_id: n.recipientUserId,
      kind: n.kind,
      title: n.title,
      subject_id: n.subjectId ?? null,
      due_item_id: n.dueItemId ?? null,
      reminder_id: n.reminderId ?? null,
      workflow_instance_id: n.workflowInstanceId ?? null,
      form_key: n.formKey ?? null,
    }));
    await this.deps.database.sequelize.query(
      `INSERT INTO notifications (id, recipient_user_id, kind, title, subject_id, due_item_id,
         reminder_id, workflow_instance_id, form_key, created_at)
       SELECT x.id, x.recipient_user_id, x.kind, x.title, x.subject_id, x.due_item_id,
         x.reminder_id, x.workflow_instance_id, x.form_key, $2::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, recipient_user_id uuid, kind text,
         title jsonb, subject_id uuid, due_item_id uuid, reminder_id uuid,
         workflow_instance_id uuid, form_key text)`,
      { bind: [JSON.stringify(rows), this.deps.clock.now()], transaction },
    );
    return rows.map((r) => r.id);
  }

  /** The caller's notifications, newest first, with the total and how many are unread. */
  async list(
    caller: Caller,
    query: { unread: boolean; limit: number; offset: number },
  ): Promise<{ items: NotificationView[]; total: number; unread: number }> {
    const db = this.deps.database.sequelize;
    const filter = query.unread ? 'AND read_at IS NULL' : '';
    const rows = await db.query<NotificationRow>(
      `SELECT id, kind, title, subject_id, due_item_id, reminder_id, workflow_instance_id,
         form_key, created_at, read_at
       FROM notifications WHERE recipient_user_id = $1 ${filter}
       ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      { bind: [caller.user.id, query.limit, query.offset], type: QueryTypes.SELECT },
    );
    const [counts] = await db.query<{ total: string; unread: string }>(
      `SELECT count(*) ${query.unread ? 'FILTER (WHERE read_at IS NULL)' : ''} AS total,
         count(*) FILTER (WHERE read_at IS NULL) AS unread
       FROM notifications WHERE recipient_user_id = $1`,
      { bind: [caller.user.id], type: QueryTypes.SELECT },
    );
    return {
      items: rows.map(view),
      total: Number(counts?.total ?? 0),
      unread: Number(counts?.unread ?? 0),
    };
  }

  /**
   * Marks one of the caller's notifications read (again: keeps the first time). Someone else's
   * is a 404 like one that does not exist, and the refusal is audited.
   */
  async markRead(caller: Caller, id: string, request: RequestContext): Promise<NotificationView> {
    const db = this.deps.database.sequelize;
    const [row] = await db.query<NotificationRow>(
      `UPDATE notifications SET read_at = coalesce(read_at, $3::timestamptz)
       WHERE id = $1 AND recipient_user_id = $2
       RETURNING id, kind, title, subject_id, due_item_id, reminder_id, workflow_instance_id,
         form_key, created_at, read_at`,
      { bind: [id, caller.user.id, this.deps.clock.now()], type: QueryTypes.SELECT },
    );
    if (row) return view(row);
    const [other] = await db.query<{ id: string }>('SELECT id FROM notifications WHERE id = $1', {
      bind: [id],
      type: QueryTypes.SELECT,
    });
    if (other)
      await recordDenial(
        this.deps.audit,
        caller,
        request,
        { reason: 'not the recipient of the notification' },
        { targetType: 'notification', targetId: id },
      );
    throw notFound();
  }

  /** Marks every unread notification of the caller read; returns how many. */
  async markAllRead(caller: Caller): Promise<number> {
    const rows = await this.deps.database.sequelize.query<{ id: string }>(
      `UPDATE notifications SET read_at = $2::timestamptz
       WHERE recipient_user_id = $1 AND read_at IS NULL RETURNING id`,
      { bind: [caller.user.id, this.deps.clock.now()], type: QueryTypes.SELECT },
    );
    return rows.length;
  }
}
