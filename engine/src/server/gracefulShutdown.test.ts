import { describe, expect, it } from 'vitest';
import { startTestEngine } from '../testing/index.js';
import { events, finishSlow, slowStarted } from '../plugin-host/fixtures/echoPlugin.js';

const echoPlugin = new URL('../plugin-host/fixtures/echoPlugin.ts', import.meta.url).pathname;

describe('graceful shutdown', () => {
  it('stops accepting, finishes the request in flight, runs plugin stop hooks, closes the database', async () => {
    const t = await startTestEngine({ plugins: [echoPlugin] });
    expect(events).toEqual(['start']);

    const started = slowStarted.count;
    const inFlight = fetch(`${t.url}/api/plugins/echo/slow`);
    await expect.poll(() => slowStarted.count).toBe(started + 1);

    const stopping = t.engine.stop();
    // New connections are refused while the slow request is still running.
    await expect.poll(() => t.engine.server.listening).toBe(false);
    await expect(fetch(`${t.url}/api/health`)).rejects.toThrow();

    finishSlow();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await stopping;
    expect(events).toEqual(['start', 'stop']);
    expect(await t.engine.database.ping()).toBe(false);
    await t.database.drop();
  });
});
