import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonicalJson.js';
import { HttpError } from '../http/HttpError.js';

/** A retry-safe request: the caller's key and a hash of what the request asked for. */
export interface IdempotencyKey {
  key: string;
  requestHash: string;
}

const KEY = /^[\x21-\x7e]{8,128}$/;

/**
 * Reads the `Idempotency-Key` header (8–128 printable ASCII characters, e.g. a UUID the client
 * made before the first try). Absent → undefined: the request is then not retry-safe.
 */
export function idempotencyKey(
  header: string | undefined,
  request: { method: string; path: string; body: unknown },
): IdempotencyKey | undefined {
  if (header === undefined || header === '') return undefined;
  if (!KEY.test(header)) {
    throw new HttpError(
      400,
      'bad_idempotency_key',
      'Idempotency-Key 须为 8–128 个可打印 ASCII 字符 / The Idempotency-Key header must be 8–128 printable ASCII characters',
    );
  }
  const requestHash = createHash('sha256')
    .update(`${request.method} ${request.path}\n${canonicalJson(request.body ?? null)}`)
    .digest('hex');
  return { key: header, requestHash };
}

export function keyReused(): HttpError {
  return new HttpError(
    422,
    'idempotency_key_reused',
    '该 Idempotency-Key 已用于另一个不同的请求 / This Idempotency-Key was already used for a different request',
  );
}
