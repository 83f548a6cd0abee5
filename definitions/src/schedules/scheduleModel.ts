import type { Schedule, ScheduleV1, ScheduleV2 } from '../types/generated.js';

/** A schedule of model 2 (`"model": 2`), the one computeDueItems runs. */
export const isScheduleV2 = (schedule: Schedule): schedule is ScheduleV2 =>
  (schedule as { model?: unknown }).model === 2;

/** A schedule of the first model, as national-phs 3.0.0 published it (read, never computed). */
export const isScheduleV1 = (schedule: Schedule): schedule is ScheduleV1 => !isScheduleV2(schedule);
