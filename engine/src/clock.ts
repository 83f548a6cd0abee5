/** The time, injected so that lockouts, session expiry and TOTP can be tested. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
