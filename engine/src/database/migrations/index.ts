import type { Migration } from './Migration.js';
import { migration as system } from './0001-system.js';
import { migration as audit } from './0002-audit.js';
import { migration as identity } from './0003-identity.js';
import { migration as subjects } from './0004-subjects.js';
import { migration as totpReplay } from './0005-totp-replay.js';
import { migration as residents } from './0006-residents.js';
import { migration as submissions } from './0007-submissions.js';
import { migration as specs } from './0008-specs.js';
import { migration as dataMigrations } from './0009-data-migrations.js';
import { migration as workflows } from './0010-workflows.js';
import { migration as workflowStartFailures } from './0011-workflow-start-failures.js';
import { migration as residentNames } from './0012-resident-names.js';
import { migration as recordAudit } from './0013-record-audit.js';
import { migration as dueItems } from './0014-due-items.js';
import { migration as reminders } from './0015-reminders.js';
import { migration as worklistIndexes } from './0016-worklist-indexes.js';
import { migration as auditHeadBatches } from './0017-audit-head-batches.js';
import { migration as reminderClaimOrder } from './0018-reminder-claim-order.js';
import { migration as residentWorkflows } from './0019-resident-workflows.js';
import { migration as specContentOrder } from './0020-spec-content-order.js';
import { migration as programmesAsData } from './0021-programmes-as-data.js';
import { migration as signatures } from './0022-signatures.js';

/** Every migration, in order. Add new ones at the end; never edit or reorder a published one. */
export const migrations: readonly Migration[] = [
  system,
  audit,
  identity,
  subjects,
  totpReplay,
  residents,
  submissions,
  specs,
  dataMigrations,
  workflows,
  workflowStartFailures,
  residentNames,
  recordAudit,
  dueItems,
  reminders,
  worklistIndexes,
  auditHeadBatches,
  reminderClaimOrder,
  residentWorkflows,
  specContentOrder,
  programmesAsData,
  signatures,
];
