import type { Migration } from './Migration.js';

/** Org units (versioned by year), users, role grants and sessions. */
export const migration: Migration = {
  name: '0003-identity',
  async up({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q(`CREATE TABLE org_units (
      year integer NOT NULL,
      code text NOT NULL,
      name text NOT NULL,
      name_en text NOT NULL,
      level text NOT NULL CHECK (level IN ('national','province','city','county','township','village')),
      kind text NOT NULL CHECK (kind IN ('division','institution')),
      institution_type text,
      parent_code text,
      path text NOT NULL,
      PRIMARY KEY (year, code)
    )`);
    await q('CREATE INDEX org_units_path ON org_units (year, path text_pattern_ops)');
    await q(`CREATE TABLE users (
      id uuid PRIMARY KEY,
      username text NOT NULL UNIQUE,
      display_name text NOT NULL,
      org_code text NOT NULL,
      org_path text NOT NULL,
      password_hash text NOT NULL,
      password_changed_at timestamptz NOT NULL,
      failed_attempts integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      totp_secret text,
      totp_enabled boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL,
      created_by uuid
    )`);
    await q('CREATE INDEX users_org_path ON users (org_path text_pattern_ops)');
    await q(`CREATE TABLE role_grants (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      role text NOT NULL,
      org_code text NOT NULL,
      org_path text NOT NULL,
      granted_by uuid,
      granted_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_by uuid
    )`);
    await q('CREATE INDEX role_grants_user ON role_grants (user_id) WHERE revoked_at IS NULL');
    await q(`CREATE TABLE sessions (
      id uuid PRIMARY KEY,
      token_hash text NOT NULL UNIQUE,
      user_id uuid NOT NULL REFERENCES users(id),
      mfa boolean NOT NULL,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      ip text
    )`);
  },
  async down({ sequelize, transaction }) {
    for (const table of ['sessions', 'role_grants', 'users', 'org_units']) {
      await sequelize.query(`DROP TABLE ${table}`, { transaction });
    }
  },
};
