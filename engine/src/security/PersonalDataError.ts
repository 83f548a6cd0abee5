export type PersonalDataErrorCode = 'malformed-envelope' | 'unknown-key' | 'decryption-failed';

/**
 * An encrypted personal-data value could not be read. The message names what went wrong and, at
 * most, the key id and the context; never the plaintext, the ciphertext or key material.
 */
export class PersonalDataError extends Error {
  override name = 'PersonalDataError';

  constructor(
    readonly code: PersonalDataErrorCode,
    message: string,
  ) {
    super(message);
  }
}
