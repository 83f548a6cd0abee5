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
