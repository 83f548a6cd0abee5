/**
 * A characteristic value that is not what its definition says: the field it failed at and why,
 * in zh and en (the gateway answers 400 with it; nothing is stored).
 */
export class GattFrameError extends Error {
  override name = 'GattFrameError';
  constructor(
    readonly field: string,
    readonly reason: { zh: string; en: string },
  ) {
    super(`${field}: ${reason.zh} / ${reason.en}`);
  }
}
