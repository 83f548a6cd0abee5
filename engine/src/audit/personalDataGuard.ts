import type { JsonValue } from './canonicalJson.js';

/**
 * Audit `details` must never carry personal data: the trail can never be edited, so anything
 * written there stays for good (and every auditor reads it). Identify people by id columns
 * (`subject_id`, `actor_user_id`), never by value.
 *
 * The guard looks at every string, number and key in `details` for
 * - an 18-character resident ID number (居民身份证号): 6-digit region, birth date 18xx–20xx,
 *   3-digit sequence, check digit or X (the checksum is not tested: a mistyped number is still
 *   personal data);
 * - an 11-digit mainland mobile number (1[3-9]…, optionally +86 and - or space separators);
 * each standing alone, not inside a longer run of letters or digits (so uuids, hashes and
 * millisecond timestamps pass).
 *
 * Outside production (NODE_ENV !== 'production') a match throws AuditPersonalDataError naming
 * the path (never the value), so the mistake is found in development and tests. In production
 * the matching text is replaced by `[redacted]` instead, so that a caller's mistake neither
 * blocks a clinic's work nor reaches the trail.
 */
export const RESIDENT_ID_PATTERN =
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/;
export const MOBILE_PATTERN =
  /(?<![0-9A-Za-z])(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?![0-9A-Za-z])/;

export type PersonalDataKind = 'resident-id' | 'mobile';
export type PersonalDataMode = 'throw' | 'redact';

const KINDS: readonly [PersonalDataKind, RegExp, string][] = [
  ['resident-id', RESIDENT_ID_PATTERN, '居民身份证号 / resident ID number'],
  ['mobile', MOBILE_PATTERN, '手机号 / mobile number'],
];

export class AuditPersonalDataError extends Error {
  constructor(
    readonly path: string,
    readonly kind: PersonalDataKind,
  ) {
    const label = KINDS.find(([k]) => k === kind)![2];
    super(
      `审计详情不得包含个人信息 / audit details must not carry personal data: ${path} looks like a ${label}`,
    );
    this.name = 'AuditPersonalDataError';
  }
}

/** The first kind of personal data found in `text`, if any. */
export function findPersonalData(text: string): PersonalDataKind | undefined {
  for (const [kind, pattern] of KINDS) {
    if (pattern.test(text)) return kind;
  }
  return undefined;
}

function redact(text: string): string {
  let out = text;
  for (const [, pattern] of KINDS) out = out.replace(new RegExp(pattern, 'g'), '[redacted]');
  return out;
}

/**
 * Checks `details` (see above): throws in 'throw' mode, returns a copy with the personal data
 * replaced in 'redact' mode. Values that are not personal data are returned unchanged.
 */
export function guardPersonalData<T>(details: T, mode: PersonalDataMode, path = 'details'): T {
  return visit(details, mode, path) as T;
}

function visit(value: unknown, mode: PersonalDataMode, path: string): unknown {
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value);
    const kind = findPersonalData(text);
    if (!kind) return value;
    if (mode === 'throw') throw new AuditPersonalDataError(path, kind);
    return redact(text);
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown, index) => visit(item, mode, `${path}[${index}]`));
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      const keyKind = findPersonalData(key);
      if (keyKind && mode === 'throw') throw new AuditPersonalDataError(`${path} (a key)`, keyKind);
      out[keyKind ? redact(key) : key] = visit(member, mode, `${path}.${key}`);
    }
    return out;
  }
  return value;
}

/** Other objects (a Date, a Map) are left for canonicalJson to refuse. */
function isPlainObject(value: unknown): value is Record<string, JsonValue | undefined> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
