import { generateSecret, generateURI, verifySync, generateSync } from 'otplib';

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s), one step of drift allowed either way. */
export const totp = {
  newSecret(): string {
    return generateSecret();
  },
  uri(secret: string, username: string): string {
    return generateURI({ issuer: 'Formwork', label: username, secret });
  },
  /** The RFC 6238 time step the code belongs to, or undefined when it is not a valid code now. */
  verify(secret: string, code: string, at: Date): number | undefined {
    if (!/^\d{6}$/.test(code)) return undefined;
    try {
      const epoch = Math.floor(at.getTime() / 1000);
      const result = verifySync({ secret, token: code, epoch, epochTolerance: 30 });
      // The matched step: this moment's step plus the drift the code was found at.
      return result.valid ? Math.floor(epoch / 30) + result.delta : undefined;
    } catch {
      return undefined;
    }
  },
  /** The code for a moment (tests and demo tooling). */
  codeAt(secret: string, at: Date): string {
    return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });
  },
};
