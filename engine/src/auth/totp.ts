import { generateSecret, generateURI, verifySync, generateSync } from 'otplib';

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s), one step of drift allowed either way. */
export const totp = {
  newSecret(): string {
    return generateSecret();
  },
  uri(secret: string, username: string): string {
    return generateURI({ issuer: 'Formwork', label: username, secret });
  },
  verify(secret: string, code: string, at: Date): boolean {
    if (!/^\d{6}$/.test(code)) return false;
    try {
      const result = verifySync({
        secret,
        token: code,
        epoch: Math.floor(at.getTime() / 1000),
        epochTolerance: 30,
      });
      return result.valid;
    } catch {
      return false;
    }
  },
  /** The code for a moment (tests and demo tooling). */
  codeAt(secret: string, at: Date): string {
    return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });
  },
};
