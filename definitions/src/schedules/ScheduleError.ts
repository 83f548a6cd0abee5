import type { LocalizedMessage } from '../validation/formErrors.js';

/**
 * A schedule that cannot be computed for this input: a parameter it names is missing or of the
 * wrong type, or one of its rules throws on a record. Never read as "nothing due": the caller
 * reports it. `path` points into the schedule, `record` names the record when one is involved.
 */
export class ScheduleError extends Error {
  override name = 'ScheduleError';
  constructor(
    readonly schedule: string,
    readonly path: string,
    readonly detail: LocalizedMessage,
    readonly record: string | null = null,
  ) {
    const at = path ? ` ${path}` : '';
    super(
      `随访计划 ${schedule}${at}${record ? `（记录 ${record}）` : ''}：${detail.zh} / schedule ${schedule}${at}${record ? ` (record ${record})` : ''}: ${detail.en}`,
    );
  }
}
