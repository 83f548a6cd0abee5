import type { ParameterizedContext } from 'koa';
import { HttpError } from './HttpError.js';

/**
 * Optimistic locking over HTTP: one-record answers carry `ETag: "<row version>"`, writes send it
 * back in `If-Match`. A missing header is a 428 (decided by the service once it knows the record
 * is the caller's to see, so absent records stay 404), a malformed one a 400, a stale one a 409.
 */

/** The row version in the request's If-Match header (`"3"`, `W/"3"` or `3`), if any. */
export function expectedRowVersion(ctx: Pick<ParameterizedContext, 'get'>): number | undefined {
  const header = ctx.get('if-match').trim();
  if (!header) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header);
  if (!match) {
    throw new HttpError(
      400,
      'invalid_if_match',
      'If-Match 应为记录版本，如 "3" / If-Match must carry the row version, e.g. "3"',
    );
  }
  return Number(match[1]);
}

/** The row version a write needs: 428 without one. */
export function requireRowVersion(expected: number | undefined): number {
  if (expected === undefined) {
    throw new HttpError(
      428,
      'precondition_required',
      '请在 If-Match 中给出记录版本 / Send the row version in an If-Match header',
    );
  }
  return expected;
}

export function staleRowVersion(current: number, expected: number): HttpError {
  return new HttpError(
    409,
    'stale_row_version',
    `记录已被他人修改（当前版本 ${current}，您提交的版本 ${expected}），请刷新后重试 / The record changed since you read it (now version ${current}, you sent ${expected}); reload and try again`,
    { rowVersion: current, expectedRowVersion: expected },
  );
}

/** The ETag of a row version. */
export const etag = (rowVersion: number) => `"${rowVersion}"`;

/** Sets the ETag of a one-record answer to its row version. */
export function withETag<T extends { rowVersion: number }>(
  ctx: Pick<ParameterizedContext, 'set'>,
  record: T,
): T {
  ctx.set('ETag', etag(record.rowVersion));
  return record;
}
