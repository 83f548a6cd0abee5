import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(err: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/** Extended-protocol messages that leave a sequence open until the connection's Sync. */
const SEQUENCE_MESSAGES = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));

/**
 * Makes pglite-socket (0.2.17, pinned) run one connection's extended-protocol sequence —
 * Parse, Bind, Describe, Execute up to its Sync — without another connection's messages in
 * between. PGlite is a single backend session: its queue takes messages one at a time from all
 * connections, so when two connections waited behind a transaction, one's Parse could land
 * between the other's Parse and Bind ("bind message supplies 1 parameters, but prepared
 * statement "" requires 4"). The queue also stopped for good after a message that threw.
 *
 * This replaces the queue's scheduling, keeping its behaviour otherwise: inside a transaction
 * only its connection's messages run. embeddedConcurrency.test.ts shows the failure it fixes.
 */
export function keepProtocolSequencesTogether(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  if (!queue || !Array.isArray(queue.queue) || typeof queue.processQueue !== 'function') {
    throw new Error('pglite-socket changed: its query queue is not the one this patch knows');
  }
  /** The connection whose sequence has started and not reached its Sync yet. */
  let open: number | null = null;

  queue.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = open ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        const index = owner === null ? 0 : this.queue.findIndex((m) => m.handlerId === owner);
        if (index === -1) break; // wait for the owner's next message
        const [entry] = this.queue.splice(index, 1) as [QueuedMessage];
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(entry.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                entry.onData(data);
              },
            }),
          );
        } catch (err) {
          if (open === entry.handlerId) open = null;
          entry.reject(err);
          continue;
        }
        open = SEQUENCE_MESSAGES.has(entry.message[0]!) ? entry.handlerId : null;
        this.lastHandlerId = entry.handlerId;
        entry.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    if (open === handlerId) {
      open = null;
      void queue.processQueue();
    }
  };
}
