import type { AuditTrail } from '../audit/AuditTrail.js';
import type { Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import type { OrgUnitStore } from '../orgs/OrgUnitStore.js';

/** Enrollments of residents in programs (hypertension, diabetes, a pregnancy episode). */
export class EnrollmentService {
  constructor(
    readonly deps: { database: Database; orgs: OrgUnitStore; audit: AuditTrail; clock: Clock },
  ) {}
}
