import type { Migration } from './Migration.js';

/**
 * Durable BPMN execution (ARCHITECTURE decision 4): an instance is saved at every wait point and
 * never kept in memory; its user tasks, timers and message subscriptions are rows written from
 * engine events, so a worklist, a timer poller (`FOR UPDATE SKIP LOCKED`) and message correlation
 * are plain SQL shared by every engine process.
 * - `workflow_instances.state`: bpmn-engine's `getState()` minus the definition source (re-attached
 *   from the pinned release) and minus idle elements; `version` is the optimistic lock.
 * - `workflow_tasks`: one row per user-task activation; `version` is the task's optimistic lock.
 * - `workflow_timers`: one row per timer activation; claimed by the poller.
 * - `workflow_subscriptions`: message catch events and receive tasks waiting for a message.
 * - `workflow_incidents`: a service that failed, with its error; retried or cancelled by an admin.
 * - `workflow_history`: what happened to an instance, in order, for people to read.
 */
export const migration: Migration = {
  name: '0010-workflows',
  async up({ sequelize, transaction }) {
    const q = (sql: string) => sequelize.query(sql, { transaction });
    await q(`CREATE TABLE workflow_instances (
      id uuid PRIMARY KEY,
      definition_key text NOT NULL,
      release_id text NOT NULL,
      state jsonb,
      status text NOT NULL CHECK (status IN ('running', 'waiting', 'completed', 'cancelled', 'incident')),
      version integer NOT NULL DEFAULT 1,
      business_key text,
      subject_id uuid,
      org_code text NOT NULL,
      org_path text NOT NULL,
      variables jsonb NOT NULL DEFAULT '{}',
      started_by uuid,
      started_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await q(`CREATE UNIQUE INDEX workflow_instances_business_key
      ON workflow_instances (definition_key, business_key) WHERE business_key IS NOT NULL`);
    await q(`CREATE INDEX workflow_instances_active ON workflow_instances (definition_key, release_id)
      WHERE status IN ('running', 'waiting', 'incident')`);
    await q(`CREATE TABLE workflow_tasks (
      id uuid PRIMARY KEY,
      instance_id uuid NOT NULL REFERENCES workflow_instances (id),
      element_id text NOT NULL,
      execution_id text NOT NULL,
      name text NOT NULL,
      form_key text,
      candidate_role text,
      candidate_org_path text NOT NULL,
      assignee_id uuid,
      status text NOT NULL CHECK (status IN ('open', 'claimed', 'completed', 'cancelled')),
      due_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      completed_at timestamptz,
      completed_by uuid,
      submission_id uuid,
      UNIQUE (instance_id, execution_id)
    )`);
    await q(`CREATE INDEX workflow_tasks_worklist ON workflow_tasks
      (candidate_role, candidate_org_path text_pattern_ops) WHERE status IN ('open', 'claimed')`);
    await q(`CREATE TABLE workflow_timers (
      id uuid PRIMARY KEY,
      instance_id uuid NOT NULL REFERENCES workflow_instances (id),
      element_id text NOT NULL,
      execution_id text NOT NULL,
      due_at timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'fired', 'cancelled')),
      claimed_by text,
      claimed_at timestamptz,
      UNIQUE (instance_id, execution_id)
    )`);
    await q(
      `CREATE INDEX workflow_timers_due ON workflow_timers (due_at) WHERE status = 'pending'`,
    );
    await q(`CREATE TABLE workflow_subscriptions (
      id uuid PRIMARY KEY,
      instance_id uuid NOT NULL REFERENCES workflow_instances (id),
      element_id text NOT NULL,
      execution_id text NOT NULL,
      message_name text NOT NULL,
      message_ref text NOT NULL,
      business_key text,
      status text NOT NULL CHECK (status IN ('waiting', 'consumed', 'cancelled')),
      created_at timestamptz NOT NULL,
      UNIQUE (instance_id, execution_id)
    )`);
    await q(`CREATE INDEX workflow_subscriptions_waiting ON workflow_subscriptions
      (message_name, business_key) WHERE status = 'waiting'`);
    await q(`CREATE TABLE workflow_incidents (
      id uuid PRIMARY KEY,
      instance_id uuid NOT NULL REFERENCES workflow_instances (id),
      element_id text NOT NULL,
      error text NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'resolved', 'cancelled')),
      created_at timestamptz NOT NULL,
      resolved_at timestamptz,
      resolved_by uuid
    )`);
    await q(`CREATE INDEX workflow_incidents_open ON workflow_incidents (created_at)
      WHERE status = 'open'`);
    await q(`CREATE TABLE workflow_history (
      id bigserial PRIMARY KEY,
      instance_id uuid NOT NULL REFERENCES workflow_instances (id),
      at timestamptz NOT NULL,
      actor text,
      event text NOT NULL,
      element_id text,
      details jsonb NOT NULL DEFAULT '{}'
    )`);
    await q('CREATE INDEX workflow_history_instance ON workflow_history (instance_id, id)');
  },
  async down({ sequelize, transaction }) {
    for (const table of [
      'workflow_history',
      'workflow_incidents',
      'workflow_subscriptions',
      'workflow_timers',
      'workflow_tasks',
      'workflow_instances',
    ]) {
      await sequelize.query(`DROP TABLE ${table}`, { transaction });
    }
  },
};
