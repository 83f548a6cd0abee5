import { RouteGate } from '../access/RouteGate.js';
import { AuditTrail } from '../audit/AuditTrail.js';
import { AuthService } from '../auth/AuthService.js';
import { LoginRateLimiter } from '../auth/LoginRateLimiter.js';
import { argon2idHasher, type PasswordHasher } from '../auth/PasswordHasher.js';
import { SessionStore } from '../auth/SessionStore.js';
import type { Clock } from '../clock.js';
import type { EngineConfig } from '../config/EngineConfig.js';
import type { Database } from '../database/Database.js';
import type { Logger } from '../logging/createLogger.js';
import { OrgUnitStore } from '../orgs/OrgUnitStore.js';
import { cipherFor } from '../security/loadDataKeys.js';
import type { PersonalDataCipher } from '../security/PersonalDataCipher.js';
import { SubjectService } from '../subjects/SubjectService.js';
import { EnrollmentService } from '../enrollments/EnrollmentService.js';
import { DataMigrationService } from '../migrations-data/DataMigrationService.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { ReleaseStore } from '../specs/ReleaseStore.js';
import { SpecStore } from '../specs/SpecStore.js';
import { DraftService } from '../submissions/DraftService.js';
import { Outbox } from '../submissions/Outbox.js';
import { SubmissionService } from '../submissions/SubmissionService.js';
import { SubmissionWriter } from '../submissions/SubmissionWriter.js';
import { PersonalFormData } from '../security/PersonalFormData.js';
import { UserAdmin } from '../users/UserAdmin.js';
import { UserStore } from '../users/UserStore.js';
import { WorkflowRuntime } from '../workflows/WorkflowRuntime.js';
import { ServiceRegistry } from '../workflows/ServiceRegistry.js';
import { DueItemWriter } from '../schedules/DueItemWriter.js';
import { scheduleFollowUp } from '../schedules/scheduleFollowUp.js';
import { WorklistService } from '../schedules/WorklistService.js';
import { NotificationService } from '../reminders/NotificationService.js';
import { notifyService } from '../reminders/notifyService.js';
import { SignerSlot } from '../signing/SignerSlot.js';
import { SubmissionSignatures } from '../signing/SubmissionSignatures.js';
import { AuditHeadSigner } from '../signing/AuditHeadSigner.js';

/** The engine's services, wired once per process from the database, configuration and clock. */
export class Services {
  readonly audit: AuditTrail;
  readonly cipher: PersonalDataCipher;
  /** Personal values inside form data: sealed at rest, masked in answers. */
  readonly personal: PersonalFormData;
  /** The one writer of submissions (routes, drafts, task completion). */
  readonly submissionWriter: SubmissionWriter;
  readonly orgs: OrgUnitStore;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly auth: AuthService;
  readonly gate: RouteGate;
  readonly userAdmin: UserAdmin;
  readonly subjects: SubjectService;
  readonly enrollments: EnrollmentService;
  readonly submissions: SubmissionService;
  readonly drafts: DraftService;
  readonly outbox: Outbox;
  readonly specs: SpecStore;
  readonly releases: ReleaseStore;
  readonly dataMigrations: DataMigrationService;
  readonly workflows: WorkflowRuntime;
  /** The one writer of due items and schedule states (recompute, rebuild, workflow follow-ups). */
  readonly dueItems: DueItemWriter;
  /** The frontline's worklist of due items. */
  readonly worklist: WorklistService;
  /** In-app notifications: reminders and the workflow service `notify`. */
  readonly notifications: NotificationService;
  readonly hasher: PasswordHasher = argon2idHasher;
  /** The DocumentSigner a plugin registered (set once plugins are loaded), shared by all signing. */
  readonly signing = new SignerSlot();
  /** Signatures of submissions: sign on request (plugins), verify the newest. */
  readonly signatures: SubmissionSignatures;
  /** Signs the audit trail's head (AUDIT_SIGN_INTERVAL_MS and on demand). */
  readonly auditHeads: AuditHeadSigner;

  constructor(
    readonly database: Database,
    config: EngineConfig,
    logger: Logger,
    readonly clock: Clock,
    readonly catalog: ReleaseCatalog,
  ) {
    this.audit = new AuditTrail(database, clock);
    this.cipher = cipherFor(config, database.kind === 'pglite', logger);
    this.orgs = new OrgUnitStore(database);
    this.users = new UserStore(database);
    this.sessions = new SessionStore(database, clock);
    this.auth = new AuthService({
      database,
      users: this.users,
      sessions: this.sessions,
      audit: this.audit,
      cipher: this.cipher,
      hasher: this.hasher,
      clock,
      limiter: new LoginRateLimiter(clock),
      ...(config.loginAttemptsPerUsername
        ? { attemptsPerUsername: config.loginAttemptsPerUsername }
        : {}),
    });
    this.gate = new RouteGate(this.auth, this.audit);
    this.userAdmin = new UserAdmin({
      database,
      users: this.users,
      orgs: this.orgs,
      audit: this.audit,
      hasher: this.hasher,
      clock,
    });
    this.subjects = new SubjectService({
      database,
      orgs: this.orgs,
      audit: this.audit,
      cipher: this.cipher,
      clock,
    });
    this.personal = new PersonalFormData(this.cipher);
    this.dueItems = new DueItemWriter({
      database,
      catalog,
      personal: this.personal,
      clock,
      logger,
    });
    this.enrollments = new EnrollmentService({
      database,
      orgs: this.orgs,
      audit: this.audit,
      clock,
      followers: this.dueItems,
      catalog,
    });
    this.worklist = new WorklistService({
      database,
      audit: this.audit,
      orgs: this.orgs,
      cipher: this.cipher,
      clock,
      catalog,
    });
    this.submissionWriter = new SubmissionWriter({
      database,
      personal: this.personal,
      signing: this.signing,
    });
    this.signatures = new SubmissionSignatures({
      database,
      catalog,
      personal: this.personal,
      signing: this.signing,
      clock,
    });
    this.auditHeads = new AuditHeadSigner({
      database,
      audit: this.audit,
      signing: this.signing,
      clock,
      logger,
    });
    this.submissions = new SubmissionService({
      database,
      catalog,
      audit: this.audit,
      clock,
      personal: this.personal,
      writer: this.submissionWriter,
      signatures: this.signatures,
    });
    this.drafts = new DraftService({
      database,
      catalog,
      submissions: this.submissions,
      clock,
      personal: this.personal,
    });
    this.outbox = new Outbox(database);
    this.notifications = new NotificationService({ database, audit: this.audit, clock });
    this.releases = new ReleaseStore({
      database,
      audit: this.audit,
      clock,
      catalog,
      signing: this.signing,
      logger,
    });
    this.specs = new SpecStore({ database, audit: this.audit, clock, releases: this.releases });
    this.dataMigrations = new DataMigrationService({
      database,
      catalog,
      audit: this.audit,
      clock,
      logger,
      submissions: this.submissions,
      personal: this.personal,
    });
    this.workflows = new WorkflowRuntime({
      database,
      catalog,
      clock,
      submissions: this.submissionWriter,
      services: new ServiceRegistry({
        scheduleFollowUp: scheduleFollowUp({ writer: this.dueItems, database, clock }),
        notify: notifyService({ database, notifications: this.notifications }),
      }),
    });
  }
}
