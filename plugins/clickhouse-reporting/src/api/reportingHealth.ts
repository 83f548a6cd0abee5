import type { OutboxConsumerHandle, PluginHealth } from '@formwork/engine/plugin-api';
import type { StoreStatus } from '../store/ReportingStore.js';

/** Loading further behind than this reads as degraded. */
export const MAX_HEALTHY_LAG_SECONDS = 60;

/**
 * The plugin's health in `GET /api/health` (public: figures only): degraded while the store is
 * unavailable or loading is more than a minute behind; the engine itself stays `ok`.
 */
export function reportingHealth(
  status: () => StoreStatus,
  consumer: Pick<OutboxConsumerHandle, 'backlog'>,
  /** More figures for the detail (e.g. the backfill's state). */
  more: () => Record<string, string | number | boolean | null> = () => ({}),
): () => Promise<PluginHealth> {
  return async () => {
    const { mode, available } = status();
    const { lagSeconds } = await consumer.backlog();
    return {
      status: available && lagSeconds <= MAX_HEALTHY_LAG_SECONDS ? 'ok' : 'degraded',
      detail: { mode, available, lagSeconds, ...more() },
    };
  };
}
