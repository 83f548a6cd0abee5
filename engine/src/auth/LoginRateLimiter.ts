import type { Clock } from '../clock.js';

/**
 * Sign-in attempts per key (client address, username) in a sliding window, in this process.
 * Account lockout (in the database) is what holds across processes; this only blunts floods.
 */
export class LoginRateLimiter {
  readonly #attempts = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly windowMs = 60_000,
  ) {}

  /** Records an attempt; false when the key has had `maxAttempts` in the window already. */
  allow(key: string, maxAttempts: number): boolean {
    const now = this.clock.now().getTime();
    const recent = (this.#attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= maxAttempts) {
      this.#attempts.set(key, recent);
      return false;
    }
    recent.push(now);
    this.#attempts.set(key, recent);
    if (this.#attempts.size > 10_000) this.#sweep(now);
    return true;
  }

  #sweep(now: number) {
    for (const [key, times] of this.#attempts) {
      if (times.every((t) => now - t >= this.windowMs)) this.#attempts.delete(key);
    }
  }
}
