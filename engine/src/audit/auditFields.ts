import type { PersonalDataMode } from './personalDataGuard.js';
import { storableText } from './storableText.js';

/**
 * How the columns of an audit row are checked and normalised before they are hashed, shared by
 * the audit trail (`AuditTrail`) and the record chains (`recordAudit.ts`): what is stored is
 * exactly what was hashed.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Outside production personal data in `details` throws (found in tests); in production it is redacted. */
export function auditGuardMode(): PersonalDataMode {
  return process.env.NODE_ENV === 'production' ? 'redact' : 'throw';
}

/** occurred_at exactly as hashed, whatever the session's time zone and the client's parser. */
export const OCCURRED_AT_ISO = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** PostgreSQL prints uuids in lower case: hash them that way. */
export function uuid(name: string, value: string): string {
  if (!UUID.test(value)) throw new TypeError(`${name} must be a uuid`);
  return value.toLowerCase();
}

export function optionalUuid(name: string, value: string | null | undefined): string | null {
  return value === undefined || value === null ? null : uuid(name, value);
}

export function optionalText(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new TypeError('audit event fields must be strings');
  return storableText(value);
}

export function isoTime(name: string, value: Date): string {
  // Years 1000–9999 print the same in toISOString and to_char: the hash depends on it.
  const year = value instanceof Date ? value.getUTCFullYear() : NaN;
  if (!(year >= 1000 && year <= 9999)) {
    throw new TypeError(`${name} must be a valid Date in the years 1000 to 9999`);
  }
  return value.toISOString();
}
