import type { FormError, Locale } from '@formwork/definitions';
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { FormSession, SessionSnapshot } from '../model/FormSession.js';
import type { RendererMessages } from '../messages.js';
import { getAt } from '../model/pointer.js';

/** A device reading the host can take for a field with `x-device` (the devices plugin, later). */
export interface DeviceReading {
  kind: string;
  reading: string;
}
export type DeviceReader = (device: DeviceReading) => Promise<number | string | undefined>;

/**
 * What every template and widget of the theme reads besides rjsf's props. It does not change
 * while the user types: a field follows the session through useFieldState, and re-renders only
 * when its own state does.
 */
export interface FormworkContextValue {
  session: FormSession;
  locale: Locale;
  readOnly: boolean;
  messages: RendererMessages;
  /** Pinyin initials of long code tables' options by table and code (from the engine). */
  pinyinInitials: Readonly<Record<string, Readonly<Record<string, string>>>>;
  deviceReader?: DeviceReader;
}

export const FormworkContext = createContext<FormworkContextValue | undefined>(undefined);

export function useFormwork(): FormworkContextValue {
  const value = useContext(FormworkContext);
  if (!value) throw new Error('the Formwork theme is used outside FormworkForm');
  return value;
}

/** The whole snapshot, for the parts that show the whole form's state (banners, summary). */
export function useSnapshot(): SessionSnapshot {
  const { session } = useFormwork();
  const subscribe = useCallback((fn: () => void) => session.subscribe(fn), [session]);
  return useSyncExternalStore(subscribe, () => session.snapshot);
}

/** The value at `path` in the session's data (calculated values included); re-renders on change. */
export function useSessionValue(path: string): unknown {
  const { session } = useFormwork();
  const subscribe = useCallback((fn: () => void) => session.subscribe(fn), [session]);
  return useSyncExternalStore(subscribe, () =>
    path ? getAt(session.snapshot.data, path) : undefined,
  );
}

export interface FieldState {
  hidden: boolean;
  errors: readonly FormError[];
}

const NO_ERRORS: readonly FormError[] = [];
const fieldStates = new WeakMap<SessionSnapshot, Map<string, FieldState>>();

/**
 * One field's state in the session, the same object for as long as it does not change, so a
 * keystroke in one field re-renders that field (and those whose state it changed) only.
 */
export function useFieldState(path: string): FieldState {
  const { session } = useFormwork();
  const subscribe = useCallback((fn: () => void) => session.subscribe(fn), [session]);
  const select = useCallback(() => {
    const snapshot = session.snapshot;
    let cache = fieldStates.get(snapshot);
    if (!cache) fieldStates.set(snapshot, (cache = new Map()));
    let state = cache.get(path);
    if (!state) {
      const hidden = snapshot.hidden.has(path);
      const errors = snapshot.shownErrors.get(path) ?? NO_ERRORS;
      const previous = lastStates.get(session)?.get(path);
      state =
        previous && previous.hidden === hidden && sameErrors(previous.errors, errors)
          ? previous
          : { hidden, errors };
      cache.set(path, state);
      let last = lastStates.get(session);
      if (!last) lastStates.set(session, (last = new Map()));
      last.set(path, state);
    }
    return state;
  }, [session, path]);
  return useSyncExternalStore(subscribe, select);
}

const lastStates = new WeakMap<FormSession, Map<string, FieldState>>();

function sameErrors(a: readonly FormError[], b: readonly FormError[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (e, i) =>
        e.keyword === b[i]!.keyword &&
        e.message.zh === b[i]!.message.zh &&
        e.message.en === b[i]!.message.en,
    )
  );
}
