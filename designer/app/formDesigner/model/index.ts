/**
 * The form designer's document model: pure TypeScript, no Vue, no I/O (STYLE #15). The UI keeps
 * a `DesignHistory` (in a shallowRef) and runs commands through `execute`; it draws `outline`,
 * `describeField`, `lintDocument` and the JSON of `documentJson`. See README.md.
 */
export {
  createDocument,
  emptyDocument,
  type CodeTables,
  type CreateDocumentOptions,
  type DesignBase,
  type FormDocument,
} from './FormDocument.js';
export {
  DesignError,
  type DesignErrorKind,
  type DesignProblem,
  type RuleRef,
} from './DesignProblem.js';
export { addFromPalette, type Added } from './commands/addField.js';
export { moveField } from './commands/moveField.js';
export { removeField } from './commands/removeField.js';
export { updateField, type FieldPatch } from './commands/updateField.js';
export { renameSection, removeSection, moveSection } from './commands/sections.js';
export {
  createCodeTable,
  updateCodeTable,
  codeTableUsage,
  usedCodeTables,
} from './commands/codeTables.js';
export {
  setVisibility,
  setCalculation,
  addRule,
  updateRule,
  removeRule,
  ruleProblems,
} from './commands/rules.js';
export {
  PALETTE,
  DEVICE_READINGS,
  paletteItem,
  kindOf,
  type PaletteItem,
  type PaletteKind,
  type PaletteOptions,
  type FieldPaletteItem,
  type SectionPaletteItem,
  type DeviceKind,
  type FieldProperty,
} from './palette/index.js';
export { sectionsOf, shownOrder, placeOf, type Place, type Section } from './layout.js';
export { fieldAt, containerAt, type Container, type FieldAt } from './fields.js';
export { lockOf, lockedCodeTables, type FieldLock } from './locks.js';
export {
  fromLogic,
  toLogic,
  checkTree,
  findNode,
  replaceNode,
  appendNode,
  idFactory,
  isComplete,
  OPERATORS,
  type Operator,
  type ConditionRow,
  type ConditionGroup,
  type RawNode,
  type RuleNode,
  type RuleTree,
  type RowValue,
  type Scalar,
  type NodeProblem,
} from './ruleBuilder.js';
export {
  outline,
  describeField,
  operatorsFor,
  optionsFor,
  type OutlineView,
  type FieldNodeView,
  type FieldPanelView,
} from './fieldView.js';
export { lintDocument, ruleKey, locate, type LintReport } from './lint.js';
export {
  applyJson,
  applyJsonChecked,
  documentJson,
  MAX_JSON_BYTES,
  textRange,
  type FormCheck,
  type JsonEdit,
  type JsonPart,
  type JsonProblem,
} from './jsonSync.js';
export {
  createHistory,
  commit,
  execute,
  undo,
  redo,
  canUndo,
  canRedo,
  type DesignHistory,
  type EditOptions,
  type Executed,
  type HistoryOptions,
} from './history.js';
export { fieldOfPointer, varPath, fieldOfVar, schemaPointer } from './pointer.js';
