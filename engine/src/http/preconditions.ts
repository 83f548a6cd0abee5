import { HttpError } from './HttpError.js';

/**
 * The row version an `If-Match` header names: `"3"`, `W/"3"` or `3`. Writes to versioned records
 * require it (428 without); a malformed value is a 400.
 */
export function requiredRowVersion(header: string | undefined): number {
  if (!header) {
    throw new HttpError(
      428,
      'precondition_required',
      '缺少 If-Match 请求头（记录的行版本） / The If-Match header (the row version you read) is required',
    );
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new HttpError(
      400,
      'bad_if_match',
      `If-Match 请求头无效：${header.slice(0, 40)} / The If-Match header must carry a row version such as "3"`,
    );
  }
  return Number(match[1]);
}

/** The ETag of a row version. */
export const etag = (rowVersion: number) => `"${rowVersion}"`;

export function staleRowVersion(current: number, expected: number): HttpError {
  return new HttpError(
    409,
    'stale_row_version',
    `记录已被他人修改（当前版本 ${current}，您提交的版本 ${expected}），请刷新后重试 / The record changed since you read it (now version ${current}, you sent ${expected}); reload and try again`,
    { currentRowVersion: current, expectedRowVersion: expected },
  );
}
