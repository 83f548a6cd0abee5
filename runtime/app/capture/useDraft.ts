import { onBeforeUnmount, shallowRef } from 'vue';
import { api, ApiError, ok } from '../api/index.js';
import type { components } from '../api/schema.js';
import { deleteLocalDraft, draftKey, readLocalDraft, writeLocalDraft } from './deviceStore.js';

type Data = Record<string, unknown>;
type Draft = components['schemas']['Draft'];

/** Where the draft stands, as the screen says it. */
export type DraftStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; at: string }
  /** Kept on this device only: the network or the engine did not answer. */
  | { state: 'device'; at: string }
  /** Saved from another device since this one last saved: the user chooses. */
  | { state: 'conflict' }
  | { state: 'failed'; error: ApiError };

/** How long typing pauses before the draft goes to the server, and to this device. */
export const SERVER_SAVE_MS = 2000;
export const DEVICE_SAVE_MS = 300;

const transient = (error: ApiError) =>
  error.status === 0 || error.status === 401 || error.status === 429 || error.status >= 500;

/**
 * The draft of one visit: restored from this device or the server (whichever was saved last),
 * autosaved while the user types — to IndexedDB at once (debounced 300 ms), to the server
 * debounced 2 s with the row version it last saved (If-Match) — and flushed before a submit,
 * when the session ends and when the screen closes. A 409 means another device saved since: the
 * user keeps theirs or loads the other one; nothing is overwritten silently.
 */
export function useDraft(target: { userId: string; subjectId: string; formKey: string }) {
  const key = draftKey(target.userId, target.subjectId, target.formKey);
  const status = shallowRef<DraftStatus>({ state: 'idle' });
  let serverDraftId: string | undefined;
  let rowVersion: number | undefined;
  let latest: Data = {};
  /** The data last saved to the server (JSON), so an unchanged form never writes. */
  let savedJson = '{}';
  let deviceTimer: ReturnType<typeof setTimeout> | undefined;
  let serverTimer: ReturnType<typeof setTimeout> | undefined;
  let saving: Promise<void> = Promise.resolve();

  async function saveOnDevice(): Promise<void> {
    clearTimeout(deviceTimer);
    deviceTimer = undefined;
    if (JSON.stringify(latest) === '{}' && !serverDraftId) return;
    await writeLocalDraft({
      key,
      ...target,
      data: latest,
      ...(serverDraftId ? { serverDraftId } : {}),
      ...(rowVersion !== undefined ? { rowVersion } : {}),
      savedAt: new Date().toISOString(),
    });
  }

  async function saveOnServer(): Promise<void> {
    clearTimeout(serverTimer);
    serverTimer = undefined;
    const data = latest;
    const json = JSON.stringify(data);
    if (json === savedJson || status.value.state === 'conflict') return;
    status.value = { state: 'saving' };
    try {
      let draft: Draft;
      if (!serverDraftId) {
        draft = await ok(
          api.POST('/api/drafts', {
            body: { subjectId: target.subjectId, formKey: target.formKey, data },
          }),
        );
      } else {
        draft = await ok(
          api.PUT('/api/drafts/{id}', {
            params: { path: { id: serverDraftId } },
            body: { data },
            headers: { 'If-Match': `"${rowVersion}"` },
          }),
        );
      }
      serverDraftId = draft.id;
      rowVersion = draft.rowVersion;
      savedJson = json;
      status.value = { state: 'saved', at: draft.updatedAt };
      await saveOnDevice();
    } catch (error) {
      const failure = error instanceof ApiError ? error : ApiError.network(error);
      if (failure.status === 409) {
        status.value = { state: 'conflict' };
      } else if (failure.status === 404 && serverDraftId) {
        // The server draft is gone (submitted or discarded elsewhere): start a new one next time.
        serverDraftId = undefined;
        rowVersion = undefined;
        status.value = { state: 'device', at: new Date().toISOString() };
      } else if (transient(failure)) {
        status.value = { state: 'device', at: new Date().toISOString() };
      } else {
        status.value = { state: 'failed', error: failure };
      }
    }
  }

  /** Serialises server saves: one request at a time, the newest data each time. */
  function queueServerSave(): Promise<void> {
    saving = saving.then(saveOnServer, saveOnServer);
    return saving;
  }

  return {
    status,
    /** The id of the server's draft (a submit removes it once stored). */
    serverDraftId: () => serverDraftId,

    /** The last saved data of this visit (device or server, the later one), if any. */
    async restore(): Promise<Data | undefined> {
      const local = await readLocalDraft(key);
      let server: Draft | undefined;
      try {
        const { drafts } = await ok(api.GET('/api/drafts'));
        server = drafts
          .filter((d) => d.subjectId === target.subjectId && d.formKey === target.formKey)
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
      } catch (error) {
        if (!(error instanceof ApiError) || !transient(error)) throw error;
      }
      if (server) {
        serverDraftId = server.id;
        rowVersion = server.rowVersion;
        savedJson = JSON.stringify(server.data);
      }
      if (local && (!server || local.savedAt > server.updatedAt)) {
        latest = local.data;
        if (!server && local.serverDraftId) {
          // Offline: carry on with the server draft this device knew.
          serverDraftId = local.serverDraftId;
          rowVersion = local.rowVersion;
        }
        return local.data;
      }
      if (server) {
        latest = server.data;
        return server.data;
      }
      return undefined;
    },

    /** The user changed something: saved on the device soon, on the server after a pause. */
    change(data: Data): void {
      latest = data;
      clearTimeout(deviceTimer);
      deviceTimer = setTimeout(() => void saveOnDevice(), DEVICE_SAVE_MS);
      clearTimeout(serverTimer);
      serverTimer = setTimeout(() => void queueServerSave(), SERVER_SAVE_MS);
    },

    /** Everything saved now (before a submit, at session end). */
    async flush(): Promise<void> {
      await saveOnDevice();
      await queueServerSave();
    },

    /** On this device only, at once (the session is ending: the server no longer answers). */
    saveOnDevice,

    /** Conflict resolved by the user: keep this device's data, or take the server's. */
    async resolveConflict(choice: 'mine' | 'theirs'): Promise<Data | undefined> {
      if (!serverDraftId) return undefined;
      const theirs = await ok(
        api.GET('/api/drafts/{id}', { params: { path: { id: serverDraftId } } }),
      );
      rowVersion = theirs.rowVersion;
      status.value = { state: 'idle' };
      if (choice === 'theirs') {
        latest = theirs.data;
        savedJson = JSON.stringify(theirs.data);
        await saveOnDevice();
        status.value = { state: 'saved', at: theirs.updatedAt };
        return theirs.data;
      }
      await queueServerSave();
      return undefined;
    },

    /** The visit was submitted (queued or stored): the device's copy is the outbox's now. */
    async forget(): Promise<void> {
      clearTimeout(deviceTimer);
      clearTimeout(serverTimer);
      await deleteLocalDraft(key);
    },

    stop(): void {
      clearTimeout(deviceTimer);
      clearTimeout(serverTimer);
    },
  };
}

/** Autosave stops with the screen; what was typed last is saved on the way out. */
export function useDraftOnScreen(draft: ReturnType<typeof useDraft>, active: () => boolean) {
  onBeforeUnmount(() => {
    if (active()) void draft.flush();
    draft.stop();
  });
}
