import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';

/** Sessions end after 30 minutes without use and 12 hours after sign-in, whichever is first. */
export const SESSION_POLICY = { idleMs: 30 * 60_000, absoluteMs: 12 * 60 * 60_000 } as const;
/** A live session with what a request needs of its user: who they are and their grants. */
export interface ResolvedSession extends Session {
  user: { id: string; username: string; displayName: string; orgCode: string };
  grants: { id: string; role: string; orgCode: string; orgPath: string }[];
}

/** How stale a session's last-seen time may get before a request writes it again. */
const TOUCH_INTERVAL_MS = 30_000;

export interface Session {
  id: string;
  userId: string;
  mfa: boolean;
  expiresAt: Date;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opaque bearer tokens; only their SHA-256 is stored, so a database leak yields no sessions. */
export class SessionStore {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async create(userId: string, mfa: boolean, ip: string | undefined) {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const session: Session = {
      id: randomUUID(),
      userId,
      mfa,
      expiresAt: new Date(now.getTime() + SESSION_POLICY.absoluteMs),
    };
    await this.database.sequelize.query(
      `INSERT INTO sessions (id, token_hash, user_id, mfa, created_at, last_seen_at, expires_at, ip)
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7)`,
      { bind: [session.id, hashToken(token), userId, mfa, now, session.expiresAt, ip ?? null] },
    );
    return { token, session };
  }

  /**
   * The live session for a token with its active user and their grants, in one statement,
   * refreshing the idle timer; undefined when unknown, expired, revoked or the user is inactive.
   * The timer is written at most every TOUCH_INTERVAL_MS: concurrent requests of one session
   * would otherwise queue on that row's lock, one commit at a time.
   */
  async resolve(token: string): Promise<ResolvedSession | undefined> {
    const now = this.clock.now();
    const [rows] = await this.database.sequelize.query(
      `WITH live AS (
         SELECT id, user_id, mfa, expires_at, last_seen_at FROM sessions
         WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 AND last_seen_at > $3),
       touched AS (
         UPDATE sessions SET last_seen_at = $2 FROM live
         WHERE sessions.id = live.id AND live.last_seen_at < $4
         RETURNING sessions.id)
       SELECT live.id, live.user_id, live.mfa, live.expires_at,
         u.username, u.display_name, u.org_code,
         coalesce((SELECT json_agg(json_build_object('id', g.id, 'role', g.role,
             'orgCode', g.org_code, 'orgPath', g.org_path) ORDER BY g.granted_at)
           FROM role_grants g WHERE g.user_id = u.id AND g.revoked_at IS NULL), '[]') AS grants
       FROM live JOIN users u ON u.id = live.user_id AND u.active`,
      {
        bind: [
          hashToken(token),
          now,
          new Date(now.getTime() - SESSION_POLICY.idleMs),
          new Date(now.getTime() - TOUCH_INTERVAL_MS),
        ],
      },
    );
    const row = (
      rows as {
        id: string;
        user_id: string;
        mfa: boolean;
        expires_at: Date;
        username: string;
        display_name: string;
        org_code: string;
        grants: ResolvedSession['grants'];
      }[]
    )[0];
    return row
      ? {
          id: row.id,
          userId: row.user_id,
          mfa: row.mfa,
          expiresAt: new Date(row.expires_at),
          user: {
            id: row.user_id,
            username: row.username,
            displayName: row.display_name,
            orgCode: row.org_code,
          },
          grants: row.grants,
        }
      : undefined;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.database.sequelize.query(
      'UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL',
      { bind: [sessionId, this.clock.now()] },
    );
  }

  async revokeAllFor(userId: string): Promise<void> {
    await this.database.sequelize.query(
      'UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL',
      { bind: [userId, this.clock.now()] },
    );
  }

  async markMfa(sessionId: string): Promise<void> {
    await this.database.sequelize.query('UPDATE sessions SET mfa = true WHERE id = $1', {
      bind: [sessionId],
    });
  }
}
