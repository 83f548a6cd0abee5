export { messageStartNames } from './messageStarts.js';
export {
  checkTrigger,
  checkTriggers,
  triggersOf,
  TRIGGER_PROBLEM_CODES,
  type TriggerProblem,
  type TriggerProblemCode,
} from './checkTriggers.js';
