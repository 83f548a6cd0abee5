/**
 * Every action the audit trail records. Add new ones here (never rename a published one: old
 * rows keep the old name, and renaming would not change their hash anyway).
 *
 * | action | recorded when |
 * |---|---|
 * | `auth.login.success` | a user signed in |
 * | `auth.login.failure` | a sign-in was refused (wrong password or code; `details.reason`) |
 * | `auth.logout` | a session was ended by its user |
 * | `auth.lockout` | an account was locked after repeated failures |
 * | `auth.totp.enabled` | a user turned on two-factor sign-in |
 * | `auth.password.changed` | a password was changed (by its user or reset by an admin) |
 * | `access.denied` | a request was refused for lack of a permission or scope |
 * | `subject.create` | a resident (service subject) was registered |
 * | `subject.update` | a resident's record was changed |
 * | `subject.view` | a resident's record was opened (masked view) |
 * | `subject.view-personal-data` | a resident's unmasked personal data was shown |
 * | `enrollment.create` | a resident was enrolled in a program (`details.program`) |
 * | `enrollment.end` | a resident's enrollment in a program was ended (`details.program`) |
 * | `enrollment.reassign` | an enrollment was given another responsible doctor (`details.program`, `details.from`, `details.to`: user ids) |
 * | `submission.create` | a form submission was saved (a visit, a draft submitted, a task's form): written by the submission's own statement in the record chain of the resident's county (`record_audit_events`, recordAudit.ts), never through `AuditTrail.record` |
 * | `submission.update` | a form submission was amended (`details.revision`, `details.changed`; never the reason's text): record chain, as `submission.create` |
 * | `grant.create` | a role was granted |
 * | `grant.revoke` | a role was revoked |
 * | `user.create` | a user account was created |
 * | `user.update` | a user account was changed (including (de)activation) |
 * | `spec.publish` | a form/workflow specification version was published |
 * | `spec.draft.save` | a spec or overlay draft version was created, edited or made by a rebase (`details.rebasedFrom`) |
 * | `spec.submit` | a spec or overlay draft was submitted for review |
 * | `spec.approve` | a reviewer approved a spec or overlay version in review (`details.reason`: the comment) |
 * | `spec.return` | a reviewer returned a version in review to draft (`details.reason`: the comment) |
 * | `spec.deprecate` | a published spec or overlay version was deprecated (`details.reason`) |
 * | `release.publish` | a release (base + overlay for a jurisdiction) was published (`details.manifestHash`, `details.signed`) |
 * | `data-migration.run` | a data migration of stored submissions was started or resumed |
 * | `workflow.incident.retry` | a workflow admin retried the failed step of an instance (`details.instanceId`) |
 * | `workflow.incident.cancel` | a workflow admin cancelled an instance held by an incident |
 * | `workflow.start.retry` | a workflow admin started a workflow the outbox could not start (`details.instanceId`) |
 * | `workflow.start.cancel` | a workflow admin gave up on a workflow the outbox could not start |
 * | `workflow.migrate` | running instances were moved to another release's definition (`details`: from, to, counts) |
 * | `audit.head.sign` | someone had the audit trail's head signed on demand (`details`: seq, signed; `POST /api/audit/head-signatures`) |
 * | `export` | data left the system as a file or report export |
 */
export const AUDIT_ACTIONS = [
  'auth.login.success',
  'auth.login.failure',
  'auth.logout',
  'auth.lockout',
  'auth.totp.enabled',
  'auth.password.changed',
  'access.denied',
  'subject.create',
  'subject.update',
  'subject.view',
  'subject.view-personal-data',
  'enrollment.create',
  'enrollment.end',
  'enrollment.reassign',
  'submission.create',
  'submission.update',
  'grant.create',
  'grant.revoke',
  'user.create',
  'user.update',
  'spec.publish',
  'spec.draft.save',
  'spec.submit',
  'spec.approve',
  'spec.return',
  'spec.deprecate',
  'release.publish',
  'data-migration.run',
  'workflow.incident.retry',
  'workflow.incident.cancel',
  'workflow.start.retry',
  'workflow.start.cancel',
  'workflow.migrate',
  'audit.head.sign',
  'export',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const known: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

export function isAuditAction(value: string): value is AuditAction {
  return known.has(value);
}
