/** The time, injected so that lockouts, session expiry and TOTP can be tested. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const CHINA_STANDARD_TIME_MS = 8 * 3600_000;

/**
 * The clock rules see (`today` in JsonLogic): the date in China Standard Time (UTC+8, no daylight
 * saving), which is the date on the wall of every clinic the platform serves.
 */
export function ruleClock(clock: Clock) {
  return {
    today: () =>
      new Date(clock.now().getTime() + CHINA_STANDARD_TIME_MS).toISOString().slice(0, 10),
  };
}
