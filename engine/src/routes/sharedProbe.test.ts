import { describe, expect, it } from 'vitest';
import { sharedProbe } from './healthRoutes.js';

describe('sharedProbe', () => {
  it('probes once for concurrent callers and again once the result is older than maxAge', async () => {
    let clock = 0;
    let probes = 0;
    let healthy = true;
    const probe = sharedProbe(
      async () => {
        probes++;
        return healthy;
      },
      1000,
      () => clock,
    );
    expect(await Promise.all([probe(), probe(), probe()])).toEqual([true, true, true]);
    expect(probes).toBe(1);
    healthy = false;
    clock = 999;
    expect(await probe()).toBe(true);
    clock = 1000;
    expect(await probe()).toBe(false);
    expect(probes).toBe(2);
  });
});
