import { onBeforeUnmount, onMounted } from 'vue';

/** Why the session is ending: the engine refused it, or the user signed out. */
export type SessionEndReason = 'expired' | 'signed-out';

/**
 * Keeps what the user is filling in when the session ends under them. A screen with work in
 * progress registers a saver; before the app leaves for the sign-in screen it calls every
 * saver (at most `SAVE_TIMEOUT_MS` in all), then the screen is unmounted. On expiry the engine
 * no longer accepts the session, so a saver keeps the work on this device (the drafts store's
 * IndexedDB) and the screen restores it once the user has signed in again.
 */
export type UnsavedWorkSaver = (reason: SessionEndReason) => Promise<void> | void;

export const SAVE_TIMEOUT_MS = 3000;

const savers = new Set<UnsavedWorkSaver>();

/** Registers a saver; returns the function that unregisters it. */
export function onSessionEnding(saver: UnsavedWorkSaver): () => void {
  savers.add(saver);
  return () => savers.delete(saver);
}

/** A screen's saver, registered while the screen is mounted. */
export function useUnsavedWork(saver: UnsavedWorkSaver): void {
  let off: (() => void) | undefined;
  onMounted(() => {
    off = onSessionEnding(saver);
  });
  onBeforeUnmount(() => off?.());
}

/**
 * Runs every saver, each failure contained, and settles within `timeoutMs` whatever they do:
 * a saver that hangs must not keep the user from signing in again.
 */
export async function saveUnsavedWork(
  reason: SessionEndReason,
  timeoutMs = SAVE_TIMEOUT_MS,
): Promise<void> {
  const all = Promise.allSettled([...savers].map(async (saver) => saver(reason)));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([all, timeout]);
  clearTimeout(timer);
}
