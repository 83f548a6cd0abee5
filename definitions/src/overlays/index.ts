export { applyOverlay, type OverlayResult } from './applyOverlay.js';
export type { BaseSpec } from './BaseSpec.js';
export {
  OVERLAY_PROBLEM_CODES,
  type OverlayProblem,
  type OverlayProblemCode,
} from './OverlayProblem.js';
export { fieldPaths } from './schemaPointer.js';
