import { DesignError, type DesignProblem } from './DesignProblem.js';
import type { FormDocument } from './FormDocument.js';

/**
 * Undo and redo as a command stack of documents (STYLE #19): one user action, one step. Each
 * document shares what it did not change with the one before, so a step costs the size of the
 * edit. Consecutive edits with the same `coalesce` key (keystrokes in one property) within
 * `coalesceMs` of each other make one step; the caller gives the time (its injected clock).
 */
export interface DesignHistory {
  readonly past: readonly FormDocument[];
  readonly present: FormDocument;
  readonly future: readonly FormDocument[];
  readonly limit: number;
  readonly coalesceMs: number;
  /** The last edit's coalescing key and time, while the next one may join it. */
  readonly last?: { key: string; at: number };
}

export interface HistoryOptions {
  /** Steps kept to undo (default 100); the oldest are dropped. */
  limit?: number;
  /** Edits with one key at most this far apart coalesce (default 1500 ms). */
  coalesceMs?: number;
}

export interface EditOptions {
  /** e.g. `label.zh:/sbp` — the same key in a row, close in time, is one undo step. */
  coalesce?: string;
  /** Milliseconds from the caller's clock (needed to coalesce). */
  at?: number;
}

export function createHistory(document: FormDocument, options: HistoryOptions = {}): DesignHistory {
  return Object.freeze({
    past: [],
    present: document,
    future: [],
    limit: Math.max(1, options.limit ?? 100),
    coalesceMs: options.coalesceMs ?? 1500,
  });
}

/** The history with `document` as the present (no step when it is the present already). */
export function commit(
  history: DesignHistory,
  document: FormDocument,
  options: EditOptions = {},
): DesignHistory {
  if (document === history.present) return history;
  const { coalesce, at } = options;
  const joins =
    coalesce !== undefined &&
    at !== undefined &&
    history.last?.key === coalesce &&
    at - history.last.at <= history.coalesceMs &&
    at >= history.last.at;
  const past = joins ? history.past : [...history.past, history.present].slice(-history.limit);
  return Object.freeze({
    ...history,
    past,
    present: document,
    future: [],
    last: coalesce !== undefined && at !== undefined ? { key: coalesce, at } : undefined,
  });
}

export type Executed =
  | { ok: true; history: DesignHistory }
  | {
      ok: false;
      history: DesignHistory;
      problems: readonly DesignProblem[];
      kind: DesignError['kind'];
    };

/**
 * Runs a command on the present document: a new step, or — when the command refuses — the
 * history unchanged and the command's problems. Other errors are bugs and are thrown.
 */
export function execute(
  history: DesignHistory,
  command: (document: FormDocument) => FormDocument,
  options: EditOptions = {},
): Executed {
  try {
    return { ok: true, history: commit(history, command(history.present), options) };
  } catch (error) {
    if (error instanceof DesignError)
      return { ok: false, history, problems: error.problems, kind: error.kind };
    throw error;
  }
}

export const canUndo = (history: DesignHistory): boolean => history.past.length > 0;
export const canRedo = (history: DesignHistory): boolean => history.future.length > 0;

export function undo(history: DesignHistory): DesignHistory {
  const previous = history.past[history.past.length - 1];
  if (!previous) return history;
  return Object.freeze({
    ...history,
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    last: undefined,
  });
}

export function redo(history: DesignHistory): DesignHistory {
  const next = history.future[0];
  if (!next) return history;
  return Object.freeze({
    ...history,
    past: [...history.past, history.present].slice(-history.limit),
    present: next,
    future: history.future.slice(1),
    last: undefined,
  });
}
