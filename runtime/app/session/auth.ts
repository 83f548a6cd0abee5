import { api, ok } from '../api/index.js';
import { endSession, session, startSession, updateUser } from './session.js';

export interface Credentials {
  username: string;
  password: string;
  /** The authenticator code, once the engine asked for it (totp_required). */
  totp?: string;
}

/** Signs in; rejects with the engine's ApiError (invalid_credentials, totp_required, …). */
export async function signIn(credentials: Credentials): Promise<void> {
  const opened = await ok(
    api.POST('/api/auth/login', {
      body: {
        username: credentials.username,
        password: credentials.password,
        ...(credentials.totp ? { totp: credentials.totp } : {}),
      },
    }),
  );
  startSession(opened);
}

/**
 * Asks the signed-in user to prove it is them again, with their password and their authenticator's
 * current code, before a step that deserves it (publishing a release): the engine signs them in
 * afresh (the same checks as at sign-in: lockout, a code used once only), the new two-factor
 * session replaces this one and the old one is ended on the engine. Rejects with the engine's
 * ApiError (invalid_credentials, totp_invalid, totp_reused, …), the current session untouched.
 */
export async function confirmIdentity(proof: { password: string; totp: string }): Promise<void> {
  const user = session.user;
  if (!session.token || !user) throw new Error('confirmIdentity needs a signed-in user');
  const previous = session.token;
  const opened = await ok(
    api.POST('/api/auth/login', {
      body: { username: user.username, password: proof.password, totp: proof.totp },
    }),
  );
  startSession(opened);
  await api
    .POST('/api/auth/logout', { headers: { Authorization: `Bearer ${previous}` } })
    .catch(() => undefined);
}

/** Signs out: the engine ends the session, the device forgets it, the user is on sign-in. */
export async function signOut(): Promise<void> {
  if (session.token) {
    // Ended on the server even if this device then fails; an already-ended session is fine too.
    await api.POST('/api/auth/logout').catch(() => undefined);
  }
  await endSession('signed-out');
}

/** Asks the engine who is signed in (a 401 here ends the session like any other). */
export async function refreshUser(): Promise<void> {
  if (!session.token) return;
  updateUser(await ok(api.GET('/api/auth/me')));
}
