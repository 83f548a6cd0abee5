import { reactive } from 'vue';
import type { SessionPort } from '../api/client.js';
import type { components } from '../api/schema.js';
import { saveUnsavedWork, type SessionEndReason } from './unsavedWork.js';

/** The signed-in user as the engine describes them (GET /api/auth/me). */
export type Me = components['schemas']['Me'];

export interface SessionState {
  token: string | undefined;
  expiresAt: string | undefined;
  user: Me | undefined;
}

/**
 * Kept in sessionStorage: a reload of the tab stays signed in, closing the tab forgets the token
 * (the engine's HttpOnly cookie is SameSite=strict and ends with the session too).
 */
const STORAGE_KEY = 'formwork.session';

function restore(): SessionState {
  try {
    const raw = globalThis.sessionStorage?.getItem(STORAGE_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<SessionState>) : {};
    if (typeof parsed.token === 'string' && parsed.user) {
      return { token: parsed.token, expiresAt: parsed.expiresAt, user: parsed.user };
    }
  } catch {
    // Unreadable storage: start signed out.
  }
  return { token: undefined, expiresAt: undefined, user: undefined };
}

function persist(state: SessionState) {
  try {
    if (state.token) globalThis.sessionStorage?.setItem(STORAGE_KEY, JSON.stringify(state));
    else globalThis.sessionStorage?.removeItem(STORAGE_KEY);
  } catch {
    // Private mode: the session lasts for this page only.
  }
}

/** The app's one session (reactive: the shell shows who is signed in). */
export const session = reactive<SessionState>(restore());

type SignInNavigator = (reason: SessionEndReason) => Promise<unknown> | void;
let navigateToSignIn: SignInNavigator = () => undefined;
const signOutHooks = new Set<() => Promise<void> | void>();
let ending: Promise<void> | undefined;

/** How the session sends the user to the sign-in screen (set by the router). */
export function setSignInNavigator(navigator: SignInNavigator): void {
  navigateToSignIn = navigator;
}

/**
 * Runs when the user signs out (not when the session merely expires): whatever this device keeps
 * of personal data (the offline queue, cached drafts) is cleared here.
 */
export function onSignOut(hook: () => Promise<void> | void): () => void {
  signOutHooks.add(hook);
  return () => signOutHooks.delete(hook);
}

export function hasPermission(permission: string): boolean {
  return session.user?.permissions.includes(permission) ?? false;
}

/** A session the engine has just opened (POST /api/auth/login). */
export function startSession(opened: { token: string; expiresAt: string; user: Me }): void {
  session.token = opened.token;
  session.expiresAt = opened.expiresAt;
  session.user = opened.user;
  persist(session);
}

/** Refreshes what the app knows of the user (a grant may have changed). */
export function updateUser(user: Me): void {
  session.user = user;
  persist(session);
}

/**
 * Ends the session on this device, once however often it is asked: screens save their work,
 * sign-out hooks clear what the device keeps (on sign-out only), then the user is on the sign-in
 * screen.
 */
export function endSession(reason: SessionEndReason): Promise<void> {
  ending ??= (async () => {
    try {
      await saveUnsavedWork(reason);
      if (reason === 'signed-out') {
        await Promise.allSettled([...signOutHooks].map(async (hook) => hook()));
      }
      session.token = undefined;
      session.expiresAt = undefined;
      session.user = undefined;
      persist(session);
      await navigateToSignIn(reason);
    } finally {
      ending = undefined;
    }
  })();
  return ending;
}

/** What the API client needs: the token, and what to do when the engine refuses it. */
export const sessionPort: SessionPort = {
  token: () => session.token,
  expired: () => endSession('expired'),
};
