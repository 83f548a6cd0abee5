import dayjs from 'dayjs';

/** A date (and time) as people read it here; dayjs follows the app's language. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD') : '';
}

/** Whether a due moment has passed (`now` injected for tests). */
export function isOverdue(iso: string | null | undefined, now: Date = new Date()): boolean {
  return Boolean(iso) && dayjs(iso).isBefore(now);
}

/** The message key naming a resident's sex (the engine stores male / female). */
export function sexKey(sex: string): 'sex.male' | 'sex.female' | 'sex.unknown' {
  return sex === 'male' ? 'sex.male' : sex === 'female' ? 'sex.female' : 'sex.unknown';
}
