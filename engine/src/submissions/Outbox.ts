import { QueryTypes } from 'sequelize';
import type { Database } from '../database/Database.js';

/** One committed change, as consumers (workflows, schedules, reporting) see it. */
export interface OutboxEvent {
  /** Position in the outbox: acknowledge it once the event is handled (a plugin's consumer
   * is acknowledged by the engine). */
  position: { txId: string; id: string };
  topic: string;
  aggregateId: string;
  aggregateVersion: number;
  payload: Record<string, unknown>;
  /** When its transaction wrote it (ISO 8601). */
  createdAt: string;
}

interface Row {
  id: string;
  tx_id: string;
  topic: string;
  aggregate_id: string;
  aggregate_version: number;
  payload: Record<string, unknown>;
  created_at: Date;
}

/**
 * The transactional outbox: writers insert an event in the same transaction as the change;
 * each named consumer reads events after its cursor and acknowledges them, so every event is
 * handled at least once (an event read but not acknowledged is read again).
 *
 * Events are read in (transaction id, event id) order and only from transactions older than
 * every transaction still running (`pg_snapshot_xmin`): a transaction that started earlier but
 * commits later can therefore never be skipped by a cursor that already moved past it. The cost
 * is that a long-running transaction holds consumers back until it ends.
 */
export class Outbox {
  constructor(private readonly database: Database) {}

  async read(consumer: string, limit = 100): Promise<OutboxEvent[]> {
    const rows = await this.database.sequelize.query<Row>(
      `SELECT o.id::text AS id, o.tx_id::text AS tx_id, o.topic, o.aggregate_id,
         o.aggregate_version, o.payload, o.created_at
       FROM outbox o,
         (SELECT coalesce((SELECT tx_id FROM outbox_cursors WHERE consumer = $1), '0'::xid8) AS tx,
                 coalesce((SELECT event_id FROM outbox_cursors WHERE consumer = $2), 0) AS ev) c
       WHERE (o.tx_id, o.id) > (c.tx, c.ev)
         AND o.tx_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY o.tx_id, o.id
       LIMIT $3`,
      // Distinct bind parameters: PGlite's socket rejects a repeated one.
      { bind: [consumer, consumer, limit], type: QueryTypes.SELECT },
    );
    return rows.map((row) => ({
      position: { txId: row.tx_id, id: row.id },
      topic: row.topic,
      aggregateId: row.aggregate_id,
      aggregateVersion: row.aggregate_version,
      payload: row.payload,
      createdAt: new Date(row.created_at).toISOString(),
    }));
  }

  /** Moves the consumer's cursor to `position` (never backwards). */
  async ack(consumer: string, position: OutboxEvent['position']): Promise<void> {
    await this.database.sequelize.query(
      `INSERT INTO outbox_cursors (consumer, tx_id, event_id, updated_at)
       VALUES ($1, $2::xid8, $3::bigint, now())
       ON CONFLICT (consumer) DO UPDATE
         SET tx_id = EXCLUDED.tx_id, event_id = EXCLUDED.event_id, updated_at = now()
         WHERE (outbox_cursors.tx_id, outbox_cursors.event_id) < (EXCLUDED.tx_id, EXCLUDED.event_id)`,
      { bind: [consumer, position.txId, position.id] },
    );
  }
}
