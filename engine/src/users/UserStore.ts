import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { CallerGrant } from '../access/Caller.js';
import { ROLES_BY_KEY } from '../access/roles.js';
import type { Database } from '../database/Database.js';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  orgCode: string;
  orgPath: string;
  passwordHash: string;
  passwordChangedAt: Date;
  failedAttempts: number;
  lockedUntil: Date | null;
  totpSecret: string | null;
  totpEnabled: boolean;
  active: boolean;
}

interface Row {
  id: string;
  username: string;
  display_name: string;
  org_code: string;
  org_path: string;
  password_hash: string;
  password_changed_at: Date;
  failed_attempts: number;
  locked_until: Date | null;
  totp_secret: string | null;
  totp_enabled: boolean;
  active: boolean;
}

const toUser = (r: Row): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  orgCode: r.org_code,
  orgPath: r.org_path,
  passwordHash: r.password_hash,
  passwordChangedAt: new Date(r.password_changed_at),
  failedAttempts: r.failed_attempts,
  lockedUntil: r.locked_until ? new Date(r.locked_until) : null,
  totpSecret: r.totp_secret,
  totpEnabled: r.totp_enabled,
  active: r.active,
});

/** Users and their role grants in PostgreSQL. Callers check rights; this only stores. */
export class UserStore {
  constructor(private readonly database: Database) {}

  private async one(sql: string, bind: unknown[], transaction?: Transaction) {
    const [rows] = await this.database.sequelize.query(sql, { bind, transaction });
    const row = (rows as Row[])[0];
    return row ? toUser(row) : undefined;
  }

  findByUsername(username: string, transaction?: Transaction) {
    return this.one('SELECT * FROM users WHERE username = $1', [username], transaction);
  }

  findById(id: string, transaction?: Transaction) {
    return this.one('SELECT * FROM users WHERE id = $1', [id], transaction);
  }

  async create(
    user: {
      username: string;
      displayName: string;
      orgCode: string;
      orgPath: string;
      passwordHash: string;
    },
    at: Date,
    createdBy: string | null,
    transaction: Transaction,
  ): Promise<UserRecord> {
    const id = randomUUID();
    await this.database.sequelize.query(
      `INSERT INTO users (id, username, display_name, org_code, org_path, password_hash,
         password_changed_at, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)`,
      {
        bind: [
          id,
          user.username,
          user.displayName,
          user.orgCode,
          user.orgPath,
          user.passwordHash,
          at,
          createdBy,
        ],
        transaction,
      },
    );
    return (await this.findById(id, transaction))!;
  }

  async update(
    id: string,
    fields: Partial<{
      failedAttempts: number;
      lockedUntil: Date | null;
      passwordHash: string;
      passwordChangedAt: Date;
      totpSecret: string | null;
      totpEnabled: boolean;
    }>,
    transaction?: Transaction,
  ) {
    const columns: Record<string, string> = {
      failedAttempts: 'failed_attempts',
      lockedUntil: 'locked_until',
      passwordHash: 'password_hash',
      passwordChangedAt: 'password_changed_at',
      totpSecret: 'totp_secret',
      totpEnabled: 'totp_enabled',
    };
    const entries = Object.entries(fields);
    if (!entries.length) return;
    const sets = entries.map(([key], i) => `${columns[key]} = $${i + 2}`).join(', ');
    await this.database.sequelize.query(`UPDATE users SET ${sets} WHERE id = $1`, {
      bind: [id, ...entries.map(([, value]) => value)],
      transaction,
    });
  }

  /**
   * Records the TOTP time step a code was used in; false when that step (or a later one) was
   * already used, so each code signs in once.
   */
  async claimTotpStep(id: string, step: number, transaction?: Transaction): Promise<boolean> {
    const [rows] = await this.database.sequelize.query(
      `UPDATE users SET totp_last_step = $2
       WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
      { bind: [id, step], transaction },
    );
    return (rows as unknown[]).length === 1;
  }

  /** Users whose home unit lies in one of the subtrees. */
  async listInScope(likePatterns: readonly string[], transaction?: Transaction) {
    const [rows] = await this.database.sequelize.query(
      'SELECT * FROM users WHERE org_path LIKE ANY($1::text[]) ORDER BY username',
      { bind: [likePatterns], transaction },
    );
    return (rows as Row[]).map(toUser);
  }

  /** Active grants of a user, with their role definitions (unknown roles are ignored). */
  async grants(userId: string, transaction?: Transaction): Promise<CallerGrant[]> {
    const [rows] = await this.database.sequelize.query(
      'SELECT id, role, org_code, org_path FROM role_grants WHERE user_id = $1 AND revoked_at IS NULL ORDER BY granted_at',
      { bind: [userId], transaction },
    );
    return (rows as { id: string; role: string; org_code: string; org_path: string }[]).flatMap(
      (r) => {
        const role = ROLES_BY_KEY.get(r.role);
        return role ? [{ id: r.id, role, orgCode: r.org_code, orgPath: r.org_path }] : [];
      },
    );
  }

  async addGrant(
    grant: {
      userId: string;
      role: string;
      orgCode: string;
      orgPath: string;
      grantedBy: string | null;
    },
    at: Date,
    transaction: Transaction,
  ): Promise<string> {
    const id = randomUUID();
    await this.database.sequelize.query(
      `INSERT INTO role_grants (id, user_id, role, org_code, org_path, granted_by, granted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      {
        bind: [id, grant.userId, grant.role, grant.orgCode, grant.orgPath, grant.grantedBy, at],
        transaction,
      },
    );
    return id;
  }

  async revokeGrant(
    grantId: string,
    userId: string,
    by: string,
    at: Date,
    transaction: Transaction,
  ) {
    const [, result] = await this.database.sequelize.query(
      'UPDATE role_grants SET revoked_at = $3, revoked_by = $4 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL',
      { bind: [grantId, userId, at, by], transaction },
    );
    return ((result as { rowCount?: number } | undefined)?.rowCount ?? 0) > 0;
  }
}
