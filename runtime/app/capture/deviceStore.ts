import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * What this device keeps of a visit being captured, in IndexedDB: the draft as last typed
 * (so a dropped link, a reload or an expired session loses nothing) and the outbox of submits
 * not yet stored by the engine. Nothing else of a resident is kept here; sign-out clears both
 * (`clearDevice`).
 */
export interface LocalDraft {
  /** `${userId}|${subjectId}|${formKey}`: one draft per user, resident and form. */
  key: string;
  userId: string;
  subjectId: string;
  formKey: string;
  data: Record<string, unknown>;
  /** The server's draft and the row version last saved there, once it has one. */
  serverDraftId?: string;
  rowVersion?: number;
  savedAt: string;
}

/** The engine's refusal of a queued submit, kept with it for the user to read. */
export interface QueuedRefusal {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

/** A submit waiting for the network, or refused by the engine and waiting for the user. */
export interface QueuedSubmit {
  /** Also the Idempotency-Key: a retry after a lost answer is stored once. */
  id: string;
  userId: string;
  subjectId: string;
  /** How the resident was shown when the visit was queued (the engine's masked name). */
  subjectName: string;
  formKey: string;
  formTitle: { zh: string; en: string };
  data: Record<string, unknown>;
  /** The server draft this submit removes when stored (POST /api/drafts/:id/submit). */
  serverDraftId?: string;
  queuedAt: string;
  state: 'pending' | 'refused';
  attempts: number;
  refusal?: QueuedRefusal;
}

interface CaptureDB extends DBSchema {
  drafts: { key: string; value: LocalDraft; indexes: { byUser: string } };
  outbox: { key: string; value: QueuedSubmit; indexes: { byUser: string } };
}

const NAME = 'formwork-capture';
let opening: Promise<IDBPDatabase<CaptureDB>> | undefined;

function db(): Promise<IDBPDatabase<CaptureDB>> {
  opening ??= openDB<CaptureDB>(NAME, 1, {
    upgrade(database) {
      database.createObjectStore('drafts', { keyPath: 'key' }).createIndex('byUser', 'userId');
      database.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byUser', 'userId');
    },
  });
  return opening;
}

export const draftKey = (userId: string, subjectId: string, formKey: string) =>
  `${userId}|${subjectId}|${formKey}`;

export async function readLocalDraft(key: string): Promise<LocalDraft | undefined> {
  return (await db()).get('drafts', key);
}

export async function writeLocalDraft(draft: LocalDraft): Promise<void> {
  await (await db()).put('drafts', draft);
}

export async function deleteLocalDraft(key: string): Promise<void> {
  await (await db()).delete('drafts', key);
}

export async function queuedSubmits(userId: string): Promise<QueuedSubmit[]> {
  const all = await (await db()).getAllFromIndex('outbox', 'byUser', userId);
  return all.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

export async function putQueuedSubmit(entry: QueuedSubmit): Promise<void> {
  await (await db()).put('outbox', entry);
}

export async function deleteQueuedSubmit(id: string): Promise<void> {
  await (await db()).delete('outbox', id);
}

/** Sign-out: everything this device kept of residents, for every user. */
export async function clearDevice(): Promise<void> {
  const database = await db();
  const tx = database.transaction(['drafts', 'outbox'], 'readwrite');
  await Promise.all([tx.objectStore('drafts').clear(), tx.objectStore('outbox').clear(), tx.done]);
}
