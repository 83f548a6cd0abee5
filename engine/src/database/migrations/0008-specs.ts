import type { Migration } from './Migration.js';

/**
 * Spec lifecycle storage (see engine/src/specs/SpecStore.ts):
 * - `spec_versions`: one row per version of a base spec (forms, code tables, parameters,
 *   workflows, schedules, indicators as one JSON document), owned by a jurisdiction (100000 for
 *   the national base).
 * - `overlay_versions`: one row per version of a jurisdiction's overlay over one base version.
 * - `releases`: base version + overlay version compiled for a jurisdiction: the manifest (content
 *   hashes of every form, code table, workflow…), its hash and, when a signing plugin is loaded,
 *   its signature. At most one release per jurisdiction is `current` (partial unique index).
 * - `spec_transitions`: every lifecycle step (who, when, from, to, why); append-only.
 *
 * Status runs draft → in-review → published → deprecated (a reviewer's approval is stored on the
 * in-review row; a return sends it back to draft with the comment). Triggers make a published or
 * deprecated row immutable whatever the client: UPDATE may only move published → deprecated
 * (and, for releases, flip `current`); DELETE and TRUNCATE are refused, with SQLSTATE
 * insufficient_privilege like the audit trail (0002).
 */
export const migration: Migration = {
  name: '0008-specs',
  async up({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    const lifecycle = `status text NOT NULL CHECK (status IN ('draft', 'in-review', 'published', 'deprecated')),
      row_version integer NOT NULL DEFAULT 1 CHECK (row_version > 0),
      created_by uuid,
      created_at timestamptz NOT NULL,
      updated_by uuid,
      updated_at timestamptz NOT NULL,
      submitted_by uuid,
      submitted_at timestamptz,
      approved_by uuid,
      approved_at timestamptz,
      review_comment text,
      published_by uuid,
      published_at timestamptz,
      deprecated_by uuid,
      deprecated_at timestamptz,
      CHECK ((status IN ('published', 'deprecated')) = (published_at IS NOT NULL))`;
    await q(`CREATE TABLE spec_versions (
      spec text NOT NULL,
      version text NOT NULL,
      jurisdiction text NOT NULL DEFAULT '100000',
      content jsonb NOT NULL,
      content_hash text NOT NULL,
      ${lifecycle},
      PRIMARY KEY (spec, version)
    )`);
    await q(`CREATE TABLE overlay_versions (
      key text NOT NULL,
      version text NOT NULL,
      jurisdiction text NOT NULL,
      base_spec text NOT NULL,
      base_version text NOT NULL,
      content jsonb NOT NULL,
      content_hash text NOT NULL,
      ${lifecycle},
      PRIMARY KEY (key, version),
      FOREIGN KEY (base_spec, base_version) REFERENCES spec_versions (spec, version)
    )`);
    await q(`CREATE TABLE releases (
      id text PRIMARY KEY,
      jurisdiction text NOT NULL,
      base_spec text NOT NULL,
      base_version text NOT NULL,
      overlay_key text,
      overlay_version text,
      status text NOT NULL CHECK (status IN ('published', 'deprecated')),
      manifest jsonb NOT NULL,
      manifest_hash text NOT NULL CHECK (manifest_hash ~ '^[0-9a-f]{64}$'),
      signature jsonb,
      current boolean NOT NULL DEFAULT false,
      published_by uuid,
      published_at timestamptz NOT NULL,
      deprecated_by uuid,
      deprecated_at timestamptz,
      CHECK (NOT (current AND status = 'deprecated')),
      CHECK ((overlay_key IS NULL) = (overlay_version IS NULL)),
      FOREIGN KEY (base_spec, base_version) REFERENCES spec_versions (spec, version),
      FOREIGN KEY (overlay_key, overlay_version) REFERENCES overlay_versions (key, version)
    )`);
    await q('CREATE UNIQUE INDEX releases_one_current ON releases (jurisdiction) WHERE current');
    await q(`CREATE TABLE spec_transitions (
      id bigserial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('spec', 'overlay', 'release')),
      key text NOT NULL,
      version text NOT NULL,
      action text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      actor_id uuid,
      actor_username text,
      reason text,
      at timestamptz NOT NULL
    )`);
    await q('CREATE INDEX spec_transitions_target ON spec_transitions (kind, key, version, id)');

    // TG_ARGV: the columns that may still change once published (besides status).
    await q(`CREATE FUNCTION spec_published_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status NOT IN ('published', 'deprecated') THEN
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END IF;
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION '% %: a published version can never be deleted', TG_TABLE_NAME, OLD.status
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.status NOT IN ('published', 'deprecated')
           OR (OLD.status = 'deprecated' AND NEW.status <> 'deprecated')
           OR (to_jsonb(NEW) - TG_ARGV - 'status'::text) IS DISTINCT FROM (to_jsonb(OLD) - TG_ARGV - 'status'::text) THEN
          RAISE EXCEPTION '%: a published version can never change (only published → deprecated)', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
    $$`);
    const guard = (table: string, mutable: string[]) =>
      q(`CREATE TRIGGER ${table}_published_guard BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION spec_published_guard(${mutable.map((c) => `'${c}'`).join(', ')})`);
    await guard('spec_versions', [
      'row_version',
      'deprecated_by',
      'deprecated_at',
      'updated_at',
      'updated_by',
    ]);
    await guard('overlay_versions', [
      'row_version',
      'deprecated_by',
      'deprecated_at',
      'updated_at',
      'updated_by',
    ]);
    await guard('releases', ['current', 'deprecated_by', 'deprecated_at']);
    for (const table of ['spec_versions', 'overlay_versions', 'releases', 'spec_transitions'])
      await q(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse('${table} keeps published versions')`);
    await q(`CREATE TRIGGER spec_transitions_append_only BEFORE UPDATE OR DELETE ON spec_transitions
      FOR EACH ROW EXECUTE FUNCTION audit_refuse('spec_transitions is append-only')`);
  },
  async down({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    for (const table of ['spec_transitions', 'releases', 'overlay_versions', 'spec_versions'])
      await q(`DROP TABLE ${table}`);
    await q('DROP FUNCTION spec_published_guard()');
  },
};
