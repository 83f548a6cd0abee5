export { computeDueItems } from './computeDueItems.js';
export { dueItemAt } from './dueItemAt.js';
export {
  isWorkingDay,
  nextWorkingDay,
  parseWorkCalendar,
  WEEKENDS_ONLY,
  type WorkCalendar,
  type WorkCalendarParse,
} from './workCalendar.js';
export type {
  DueEnd,
  DueInput,
  DueItem,
  DueOptions,
  DueResult,
  DueStatus,
  DueSuggestion,
  ScheduleEnrollment,
  ScheduleFact,
  ScheduleRecord,
} from './dueTypes.js';
export { ScheduleError } from './ScheduleError.js';
export { isScheduleV1, isScheduleV2 } from './scheduleModel.js';
export {
  checkSchedule,
  SCHEDULE_PROBLEM_CODES,
  type ScheduleProblem,
  type ScheduleProblemCode,
  type ScheduleSpec,
} from './checkSchedule.js';
export { scheduleFieldReads } from './scheduleFieldReads.js';
export { parameterValues } from './parameterValues.js';
