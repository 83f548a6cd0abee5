/** The moments of a due item that fire a reminder, in the order they come. */
export const REMINDER_MOMENTS = ['due-soon', 'overdue'] as const;
export type ReminderMoment = (typeof REMINDER_MOMENTS)[number];

/**
 * A reminder that fired: what the plugin hook `api.onReminder` receives (and the row of
 * `reminders` it was read from). It names the resident by id only: a plugin that sends an SMS
 * looks the resident up itself, under its own rights.
 */
export interface Reminder {
  id: string;
  moment: ReminderMoment;
  /** The day the moment fell on (the item's due-soon or overdue date), YYYY-MM-DD. */
  momentDate: string;
  dueItemId: string;
  subjectId: string;
  program: string;
  scheduleId: string;
  occurrenceId: string;
  title: { zh: string; en: string };
  /** The form that records the follow-up. */
  formKey: string;
  /** The clinic managing the enrollment. */
  orgCode: string;
  dueDate: string;
  overdueDate: string;
  /** The responsible doctor notified in the app (null: the enrollment has none). */
  recipientUserId: string | null;
  notificationId: string | null;
  /** When it fired (ISO 8601). */
  firedAt: string;
  /** Which delivery attempt this is (1 the first; more after a failure or a crash). */
  attempt: number;
}

/**
 * A plugin's reminder hook (`api.onReminder`). Called after the reminder's transaction
 * committed, at least once: a hook that throws is called again later (with backoff, up to
 * REMINDER_DELIVERY_ATTEMPTS times, each failure recorded); a process that dies during the call
 * leaves it to be called again once the lease ran out. Make it idempotent by `reminder.id`.
 */
export type ReminderHook = (reminder: Reminder) => Promise<void> | void;
