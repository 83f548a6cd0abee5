import { reactive, watch } from 'vue';
import { api, ApiError, ok } from '../api/index.js';
import type { components } from '../api/schema.js';
import { onSignOut, session } from '../session/session.js';
import {
  clearDevice,
  deleteLocalDraft,
  deleteQueuedSubmit,
  draftKey,
  putQueuedSubmit,
  queuedSubmits,
  writeLocalDraft,
  type QueuedRefusal,
  type QueuedSubmit,
} from './deviceStore.js';

type Submission = components['schemas']['Submission'];

/**
 * The outbox of visits submitted on this device. A submit is written here first, with a new
 * Idempotency-Key, and then sent; what the network did not carry stays "待上传 pending" and is
 * sent again when the link returns (the `online` event, every 30 s while anything waits, each
 * sign-in), with the same key and body, so the engine stores it exactly once however many
 * answers were lost. What the engine refuses (422 from a newer release, 409, 403, 404) is kept
 * as "refused" with the engine's words, and the visit's data stays the user's draft: nothing is
 * dropped without the user saying so.
 */
export const outbox = reactive<{ items: QueuedSubmit[] }>({ items: [] });

export type SendOutcome =
  | { kind: 'stored'; submission: Submission }
  | { kind: 'pending' }
  | { kind: 'refused'; refusal: QueuedRefusal };

const RETRY_MS = 30_000;

/** Network down, the engine busy or failing, the session ended: try again later. */
function isTransient(error: ApiError): boolean {
  return error.status === 0 || error.status === 401 || error.status === 429 || error.status >= 500;
}

async function refresh(): Promise<void> {
  const userId = session.user?.id;
  outbox.items = userId ? await queuedSubmits(userId) : [];
}

async function send(entry: QueuedSubmit): Promise<SendOutcome> {
  try {
    const submission = await ok(
      api.POST('/api/submissions', {
        body: { subjectId: entry.subjectId, formKey: entry.formKey, data: entry.data },
        headers: { 'Idempotency-Key': entry.id },
      }),
    );
    await deleteQueuedSubmit(entry.id);
    await deleteLocalDraft(draftKey(entry.userId, entry.subjectId, entry.formKey));
    if (entry.serverDraftId) {
      // Stored: the server draft has done its job (a failure here leaves it on the drafts list).
      await api
        .DELETE('/api/drafts/{id}', { params: { path: { id: entry.serverDraftId } } })
        .catch(() => undefined);
    }
    return { kind: 'stored', submission: submission as Submission };
  } catch (error) {
    const failure = error instanceof ApiError ? error : ApiError.network(error);
    if (isTransient(failure)) {
      await putQueuedSubmit({ ...entry, attempts: entry.attempts + 1 });
      return { kind: 'pending' };
    }
    const refusal: QueuedRefusal = {
      status: failure.status,
      code: failure.code,
      message: failure.message,
      details: failure.details,
    };
    await putQueuedSubmit({ ...entry, state: 'refused', refusal, attempts: entry.attempts + 1 });
    // The data goes back to being the user's draft, to correct and submit again.
    await writeLocalDraft({
      key: draftKey(entry.userId, entry.subjectId, entry.formKey),
      userId: entry.userId,
      subjectId: entry.subjectId,
      formKey: entry.formKey,
      data: entry.data,
      ...(entry.serverDraftId ? { serverDraftId: entry.serverDraftId } : {}),
      savedAt: new Date().toISOString(),
    });
    return { kind: 'refused', refusal };
  }
}

let flushing: Promise<void> | undefined;

/** Sends what waits, oldest first; stops at the first network failure. One flush at a time. */
export function flushOutbox(): Promise<void> {
  flushing ??= (async () => {
    try {
      const userId = session.user?.id;
      if (!userId || !session.token) return;
      for (const entry of await queuedSubmits(userId)) {
        if (entry.state !== 'pending') continue;
        const outcome = await send(entry);
        if (outcome.kind === 'pending') break;
      }
    } finally {
      await refresh();
      flushing = undefined;
    }
  })();
  return flushing;
}

/**
 * Queues a visit and sends it at once. A refused earlier submit of the same form for the same
 * resident is replaced by this one (the user has corrected it).
 */
export async function queueSubmit(
  input: Pick<
    QueuedSubmit,
    'subjectId' | 'subjectName' | 'formKey' | 'formTitle' | 'data' | 'serverDraftId'
  >,
): Promise<SendOutcome> {
  const userId = session.user?.id;
  if (!userId) throw new Error('not signed in');
  await flushing;
  for (const earlier of await queuedSubmits(userId)) {
    if (
      earlier.state === 'refused' &&
      earlier.subjectId === input.subjectId &&
      earlier.formKey === input.formKey
    ) {
      await deleteQueuedSubmit(earlier.id);
    }
  }
  const entry: QueuedSubmit = {
    ...input,
    id: crypto.randomUUID(),
    userId,
    queuedAt: new Date().toISOString(),
    state: 'pending',
    attempts: 0,
  };
  await putQueuedSubmit(entry);
  const outcome = await send(entry);
  await refresh();
  return outcome;
}

/** The user gives up a refused submit (its data stays their draft on this device). */
export async function discardQueued(id: string): Promise<void> {
  await deleteQueuedSubmit(id);
  await refresh();
}

/** The refused submit of this form for this resident, if the engine refused one. */
export function refusedFor(subjectId: string, formKey: string): QueuedSubmit | undefined {
  return outbox.items.find(
    (item) => item.state === 'refused' && item.subjectId === subjectId && item.formKey === formKey,
  );
}

let started = false;

/** Wires the outbox once, at the app's start: flush on reconnect, on a timer and at sign-in. */
export function startOutbox(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  window.addEventListener('online', () => void flushOutbox());
  setInterval(() => {
    if (outbox.items.some((item) => item.state === 'pending') && navigator.onLine) {
      void flushOutbox();
    }
  }, RETRY_MS);
  watch(
    () => session.token,
    (token) => {
      if (token) void flushOutbox();
      else outbox.items = [];
    },
  );
  onSignOut(async () => {
    await clearDevice();
    outbox.items = [];
  });
  void flushOutbox();
}
