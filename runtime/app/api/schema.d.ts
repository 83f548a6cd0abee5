/**
 * Generated from the engine's /api/openapi.json by `npm run generate:api-types`. Do not edit:
 * change the route definitions in engine/src/routes and regenerate.
 */
export interface paths {
  '/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Start page linking the API reference, the OpenAPI document, health, the loaded plugins and whichever of /app/ and /designer/ are built */
    get: operations['getHome'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/audit/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Audit events of actors in your scope, newest first */
    get: operations['listAuditEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/audit/head-signatures': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Have the audit trail’s head signed now (it is also signed every AUDIT_SIGN_INTERVAL_MS)
     * @description Signs `{ seq, hash }` of the head through the signing plugin (as the platform, purpose `audit-head`) and stores it; `formwork audit verify` then detects a chain rewritten end to end up to that row. A head that has not moved since its last signature is not signed again (`signed: false`, that signature). Audited as `audit.head.sign` (which moves the head by one row, after the signing).
     */
    post: operations['signAuditHead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign in with username, password and (when enrolled) a TOTP code */
    post: operations['login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign out: the session ends now */
    post: operations['logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The signed-in user, grants and usable permissions */
    get: operations['getMe'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Change the password (every session of the user ends) */
    post: operations['changePassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/totp/enable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Finish TOTP enrolment with a code; this session counts as two-factor */
    post: operations['enableTotp'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/totp/setup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start TOTP enrolment: a secret for the authenticator app */
    post: operations['beginTotp'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/data-migrations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Migration plans, newest first */
    get: operations['listDataMigrationPlans'];
    put?: never;
    /**
     * Draft the migration of stored submissions of a form from one release to another
     * @description Drafted from the semantic diff of the two form versions: steps for what follows from it, decisions where a person must answer (PUT …/answers).
     */
    post: operations['createDataMigrationPlan'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/data-migrations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One migration plan with its runs */
    get: operations['getDataMigrationPlan'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/data-migrations/{id}/answers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Answer the plan’s decisions (replaces earlier answers)
     * @description By decision id: `default-value` `{ value }`, `recode-table` `{ map }`, `unit-conversion` `{ factor, offset?, decimals? }`, `rename-or-drop` `{ rename }` or `{ drop: true }`, `transform` `{ rule }` (JsonLogic over the old record) or `{ skip: true }`.
     */
    put: operations['answerDataMigrationPlan'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/data-migrations/{id}/dry-run': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Run the plan over the live records without writing: clean, failed and why */
    post: operations['dryRunDataMigration'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/data-migrations/{id}/runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Execute the plan as a background job (or resume its interrupted run)
     * @description Batched, resumable, idempotent: records are moved only while still on the source release, and the progress is written with each batch. Poll the run for progress.
     */
    post: operations['startDataMigrationRun'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/data-migrations/{id}/runs/{runId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Progress of a run: total, migrated, failed, percent */
    get: operations['getDataMigrationRun'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/diff': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Semantic diff between two releases (or of one form): each change classified, with what uses the field and how many stored submissions it touches
     * @description Either id may also name stored versions not released yet (`spec@version[+overlay@version]`, drafts included), compiled on the fly. Form changes carry `usages` (rules, schedules, indicators, workflows and triggers of the `from` release) and `submissions` (stored submissions pinned to `from` that the change touches); `forms.submissions` counts the stored submissions of each changed form on `from`.
     */
    get: operations['diffReleases'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/docs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The API reference rendered in the browser */
    get: operations['getApiDocs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/docs/assets/{file}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Static files of the API reference page */
    get: operations['getApiDocsAsset'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/drafts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your drafts, most recently saved first */
    get: operations['listDrafts'];
    put?: never;
    /** Start a draft of a form for a resident */
    post: operations['createDraft'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/drafts/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of your drafts */
    get: operations['getDraft'];
    /** Autosave a draft (If-Match: the row version you last saved) */
    put: operations['saveDraft'];
    post?: never;
    /** Discard one of your drafts */
    delete: operations['deleteDraft'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/drafts/{id}/submit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Submit a draft as a final submission (the draft is removed)
     * @description Send an `Idempotency-Key` header (8–128 printable characters, new for each submission) to make retries safe: a retry with the same key and body gets the same response (with `Idempotent-Replayed: true`) and stores nothing; the same key with another body is a 422.
     */
    post: operations['submitDraft'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/effective-specs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The effective spec of a release, or of stored versions not released yet (drafts included) compiled on the fly: forms, code tables, parameters and workflow keys
     * @description What a province’s overlay editor shows beside the national form: `spec@version+overlay@version` compiled exactly as a release would be (422 `overlay_rejected` when the overlay does not apply).
     */
    get: operations['getEffectiveSpec'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/enrollments/{id}/end': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End an enrollment (If-Match: the row version) */
    post: operations['endEnrollment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/enrollments/{id}/responsible': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Give an enrollment another responsible doctor (If-Match: the row version)
     * @description The new responsible doctor must be an active user holding a role that captures records over the resident’s clinic; the enrollment’s due items move to their worklist in the same transaction. Audited as enrollment.reassign.
     */
    put: operations['reassignEnrollment'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/form-previews': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Compile a form definition for the designer's preview; its validator module URL
     * @description Needs forms.design. Nothing is stored but the generated module (in memory, the last 50, by content hash). 422 `form_invalid`: `details.errors` lists each problem (`formPath` inside the form, `code`, `message: { zh, en }`).
     */
    post: operations['createFormPreview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/form-previews/{hash}/validator.js': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A previewed form's validator as a standalone ES module (while kept) */
    get: operations['getFormPreviewValidator'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/form-validator-runtime.js': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What every form validator module imports: the formats, RE2 patterns, Ajv helpers */
    get: operations['getFormValidatorRuntime'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/forms': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Forms of your release (or of the release serving orgCode) */
    get: operations['listForms'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/forms/{key}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A form definition with the code tables it uses, to compile in the browser */
    get: operations['getForm'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/forms/{key}/versions/{version}/typescript': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The TypeScript type of a form version’s data (json-schema-to-typescript) */
    get: operations['getFormTypeScript'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/forms/{key}/versions/{version}/validator.js': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A form version’s validator as a standalone ES module, for pages without eval
     * @description Ajv’s standalone code of the schema the server validates this form version with (the URL comes from `GET /api/forms/:key`, `validator.url`): exports `validate`, `default` and `fingerprint`; it imports the shared runtime (`/api/form-validator-runtime.js`). Content-hashed: with `hash` it is cached for a year as immutable.
     */
    get: operations['getFormValidator'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness and database reachability */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * My notifications, newest first, with the unread count
     * @description The signed-in user’s own notifications (reminders of their residents’ due follow-ups, workflow notices). unread=true lists only the unread ones; total counts what the filter lists, unread counts every unread one.
     */
    get: operations['listNotifications'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/notifications/{id}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Marks one of my notifications read
     * @description Only the recipient may: anyone else’s notification answers 404 like one that does not exist (the refusal is audited). Reading it again keeps the first time.
     */
    post: operations['readNotification'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/notifications/read-all': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Marks all my notifications read */
    post: operations['readAllNotifications'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This OpenAPI 3.1 document, generated from the route definitions */
    get: operations['getOpenApiDocument'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/org-units': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The org tree of a year (default: the newest) */
    get: operations['listOrgUnits'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/overlays': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every overlay version (without content), by key and version */
    get: operations['listOverlayVersions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/overlays/{key}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a draft overlay version; applied to its base: a policy violation is a 422 listing each problem
     * @description The caller needs forms.design over the overlay’s jurisdiction. Body: the Overlay itself.
     */
    post: operations['createOverlayVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/overlays/{key}/versions/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One overlay version with its content and its lifecycle history */
    get: operations['getOverlayVersion'];
    /** Replace the content of a draft overlay version; If-Match: its row version */
    put: operations['updateOverlayVersion'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/overlays/{key}/versions/{version}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve a version in review (stays in-review, approved); not by its author (overlay version)
     * @description Needs specs.review over the version's jurisdiction and status in-review, not yet approved. Audited (`spec.approve`) and kept in the version's history with the reason.
     */
    post: operations['approveOverlayVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/overlays/{key}/versions/{version}/deprecate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Deprecate a published version (published → deprecated), with the reason (overlay version)
     * @description Needs specs.publish over the version's jurisdiction and status published. Audited (`spec.deprecate`) and kept in the version's history with the reason.
     */
    post: operations['deprecateOverlayVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/overlays/{key}/versions/{version}/publish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Publish an approved version (in-review → published); not by its author (overlay version)
     * @description Needs specs.publish over the version's jurisdiction and status in-review and approved. Audited (`spec.publish`) and kept in the version's history with the reason.
     */
    post: operations['publishOverlayVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/overlays/{key}/versions/{version}/rebase': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rebase an overlay version onto another published base version: a new draft with the operations that carry over, and the conflicts
     * @description Each conflict names the operation (index in the overlay rebased, op), what the base changed there, and why it cannot be carried.
     */
    post: operations['rebaseOverlayVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/overlays/{key}/versions/{version}/return': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Return a version in review to draft with a comment (drops an approval) (overlay version)
     * @description Needs specs.review over the version's jurisdiction and status in-review. Audited (`spec.return`) and kept in the version's history with the reason.
     */
    post: operations['returnOverlayVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/overlays/{key}/versions/{version}/submit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Submit a draft for review (draft → in-review) (overlay version)
     * @description Needs forms.design over the version's jurisdiction and status draft. Audited (`spec.submit`) and kept in the version's history with the reason.
     */
    post: operations['submitOverlayVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/plugins': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Plugins loaded by this engine */
    get: operations['listPlugins'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/plugins/ca-signing/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How signatures are made and checked: provider, roots, CRLs */
    get: operations['ca-signing.status'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/plugins/reporting/drilldown': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An indicator’s values for each unit just below a region */
    get: operations['reporting.drilldown'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/plugins/reporting/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An indicator’s values as an Excel or CSV file */
    get: operations['reporting.export'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/plugins/reporting/indicators': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The indicators of the release serving a region */
    get: operations['reporting.indicators'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/plugins/reporting/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Reporting store and loading status */
    get: operations['reporting.status'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/plugins/reporting/trend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An indicator’s year-to-date rate month by month */
    get: operations['reporting.trend'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/plugins/reporting/values': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An indicator’s values in a region, grouped */
    get: operations['reporting.values'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/programs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Programmes of your release (or of the release serving orgCode), with their forms
     * @description What a resident can be enrolled in where the release serves: the national programmes its schedules run (source base) and those the jurisdiction’s overlay added (source overlay, add-program). A programme’s forms are recorded under the enrollment; its due items appear on the worklist (GET /api/worklist).
     */
    get: operations['listPrograms'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/releases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every release, by jurisdiction, with which one is current */
    get: operations['listReleases'];
    put?: never;
    /**
     * Publish a release: a published overlay version over its published base (or a base alone), compiled for the jurisdiction and made its current release
     * @description Needs specs.publish over the jurisdiction. The manifest (content hashes of every form, code table, workflow and the parameters) is hashed and, when a signing plugin is loaded, signed. New records of the jurisdiction are captured on it from now on; earlier releases stay readable. Stacking a city or county overlay on a province overlay is not supported yet.
     */
    post: operations['publishRelease'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/releases/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One release with its manifest and signature */
    get: operations['getRelease'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/releases/{id}/signature': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Whether a release’s manifest signature verifies
     * @description The stored manifest is checked against its manifest hash, then the signature over it by the signing plugin. `unsigned` when the release was published without a signing plugin.
     */
    get: operations['getReleaseSignature'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/roles': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The role grid: level × business line, with permissions */
    get: operations['listRoles'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/specs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every spec version (without content), by key and version */
    get: operations['listSpecVersions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/specs/{key}/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a draft spec version (content checked against the meta-schemas, every form compiled, workflows linted)
     * @description The caller needs forms.design over the jurisdiction (100000, the nation, unless given).
     */
    post: operations['createSpecVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/specs/{key}/versions/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One spec version with its content and its lifecycle history */
    get: operations['getSpecVersion'];
    /** Replace the content of a draft spec version; If-Match: its row version */
    put: operations['updateSpecVersion'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/specs/{key}/versions/{version}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve a version in review (stays in-review, approved); not by its author (spec version)
     * @description Needs specs.review over the version's jurisdiction and status in-review, not yet approved. Audited (`spec.approve`) and kept in the version's history with the reason.
     */
    post: operations['approveSpecVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/specs/{key}/versions/{version}/deprecate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Deprecate a published version (published → deprecated), with the reason (spec version)
     * @description Needs specs.publish over the version's jurisdiction and status published. Audited (`spec.deprecate`) and kept in the version's history with the reason.
     */
    post: operations['deprecateSpecVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/specs/{key}/versions/{version}/publish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Publish an approved version (in-review → published); not by its author (spec version)
     * @description Needs specs.publish over the version's jurisdiction and status in-review and approved. Audited (`spec.publish`) and kept in the version's history with the reason.
     */
    post: operations['publishSpecVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/specs/{key}/versions/{version}/return': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Return a version in review to draft with a comment (drops an approval) (spec version)
     * @description Needs specs.review over the version's jurisdiction and status in-review. Audited (`spec.return`) and kept in the version's history with the reason.
     */
    post: operations['returnSpecVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/specs/{key}/versions/{version}/submit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Submit a draft for review (draft → in-review) (spec version)
     * @description Needs forms.design over the version's jurisdiction and status draft. Audited (`spec.submit`) and kept in the version's history with the reason.
     */
    post: operations['submitSpecVersion'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/subjects': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Find residents in your scope by exactly one of: ID number, name, initials, record number
     * @description idNumber and healthRecordNumber match exactly, name and initials (pinyin, any case) by prefix. At most 20 residents (limit); each one returned is audited as viewed.
     */
    get: operations['findSubjects'];
    put?: never;
    /** Register a resident at an institution in your scope */
    post: operations['createSubject'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/subjects/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One resident (audited); reveal=true shows ID and phone to holders of personal-data.read
     * @description reveal=true needs a reason (why the personal data is looked at, e.g. 随访核对身份); it is kept in the audit event subject.view-personal-data. 400 reason_required without one; 403 without personal-data.read over the resident (the refusal audited).
     */
    get: operations['getSubject'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change a resident’s name, phone or institution (If-Match: the row version)
     * @description Send the row version read (ETag) in If-Match. Moving to another institution needs it inside your scope. The ID number cannot be changed.
     */
    patch: operations['updateSubject'];
    trace?: never;
  };
  '/api/subjects/{id}/access-log': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who opened this resident’s record, and when (and why, where unmasked) */
    get: operations['getSubjectAccessLog'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/subjects/{id}/enrollments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A resident’s enrollments, newest first, ended ones included */
    get: operations['listEnrollments'];
    put?: never;
    /**
     * Enroll a resident in a program (hypertension, diabetes, a pregnancy episode, or a province’s own)
     * @description At most one active enrollment per resident and program. orgCode defaults to the resident’s institution. details: what the programme’s schedules read from the enrollment (e.g. a pregnancy’s last menstrual period, as a date): a date they read that is no date is refused with 422. The caller becomes the responsible doctor.
     */
    post: operations['createEnrollment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/subjects/{id}/submissions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A resident’s submissions, newest first (audited)
     * @description Fields the form marks as personal data (name, ID number, phone, address) are shown masked; `reveal=true` shows them to holders of personal-data.read over the record (403 otherwise), audited as `subject.view-personal-data`. Sending a masked value back unchanged keeps the stored value.
     */
    get: operations['listSubjectSubmissions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/subjects/{id}/workflows': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A resident’s open referrals and consultations, with their open tasks
     * @description Open workflow instances of the resident (running, waiting or with an incident), newest first (at most 50), each with its open tasks and whether you may work them. Audited as a view of the resident’s record; 404 for a resident outside your scope, as the other resident routes answer.
     */
    get: operations['listResidentWorkflows'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/submissions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Submit a form for a resident (validated, pinned to the release’s form version)
     * @description Send an `Idempotency-Key` header (8–128 printable characters, new for each submission) to make retries safe: a retry with the same key and body gets the same response (with `Idempotent-Replayed: true`) and stores nothing; the same key with another body is a 422.
     */
    post: operations['createSubmission'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/submissions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One submission in its current revision (audited as a view of the resident)
     * @description Fields the form marks as personal data (name, ID number, phone, address) are shown masked; `reveal=true` shows them to holders of personal-data.read over the record (403 otherwise), audited as `subject.view-personal-data`. Sending a masked value back unchanged keeps the stored value.
     */
    get: operations['getSubmission'];
    /**
     * Amend a submission: a new revision, with the reason; If-Match: the row version
     * @description Fields the form marks as personal data (name, ID number, phone, address) are shown masked; `reveal=true` shows them to holders of personal-data.read over the record (403 otherwise), audited as `subject.view-personal-data`. Sending a masked value back unchanged keeps the stored value.
     */
    put: operations['amendSubmission'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/submissions/{id}/revisions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who changed which fields of a submission, when and why */
    get: operations['listSubmissionRevisions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/submissions/{id}/revisions/{revision}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The data of one revision of a submission
     * @description Fields the form marks as personal data (name, ID number, phone, address) are shown masked; `reveal=true` shows them to holders of personal-data.read over the record (403 otherwise), audited as `subject.view-personal-data`. Sending a masked value back unchanged keeps the stored value.
     */
    get: operations['getSubmissionRevision'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/submissions/{id}/signature': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Whether a submission’s newest signature verifies (signed forms, signed reports)
     * @description The content signed (ids, revision, form key, version and hash, resident, data) is recomputed from the stored submission and checked against the stored content hash, then by the signing plugin. `unsigned` when the submission has no signature or its current revision is not the one signed (`signedRevision`). Read like the submission itself (records.read in scope, audited as `subject.view` with `details.via` `signature`).
     */
    get: operations['getSubmissionSignature'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/submissions/{id}/views/captured': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A submission as captured: its first revision and the version it was pinned to */
    get: operations['getSubmissionAsCaptured'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/submissions/{id}/views/current': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A submission in the current form version of its jurisdiction, migrated values marked */
    get: operations['getSubmissionInCurrentVersion'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Worklist: open tasks for your roles inside your scope, due first
     * @description Each task names its resident as you may see them (one read for the whole list); each resident named in clear is audited as viewed (via tasks).
     */
    get: operations['listTasks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/{id}/claim': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Claim a task */
    post: operations['claimTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/{id}/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Complete a task: submit its bound form and move the instance, atomically
     * @description Send the task version in If-Match. `data` is stored as a submission of the task’s form; `variables` (e.g. `decision`) go to the process only.
     */
    post: operations['completeTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/tasks/{id}/release': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Release a claimed task */
    post: operations['releaseTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Users whose institution lies in your administrative scope */
    get: operations['listUsers'];
    put?: never;
    /** Create a user at an institution in your scope */
    post: operations['createUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One user in your scope */
    get: operations['getUser'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users/{id}/grants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Grant a role over an org unit (inside your scope, never to yourself) */
    post: operations['grantRole'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users/{id}/grants/{grantId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke a grant */
    delete: operations['revokeRole'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/users/{id}/unlock': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Lift a lockout after failed sign-ins */
    post: operations['unlockUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workflows/{key}/instance-counts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Open instances of a workflow (of orgs in your scope) per element, by release
     * @description For each release the open instances (running, waiting or with an incident) are pinned to: how many there are and, per element id, how many wait at it — the elements their saved state has active, i.e. what an instance migration must map. `release` narrows it to one release. Counts only, no instance or resident.
     */
    get: operations['countWorkflowInstances'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workflows/{key}/instances': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start a workflow instance (pinned to the release serving the org) */
    post: operations['startWorkflow'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workflows/incidents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Open incidents: failed services with their errors */
    get: operations['listWorkflowIncidents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workflows/incidents/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel the instance */
    post: operations['cancelWorkflowIncident'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workflows/incidents/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Retry the failed step */
    post: operations['retryWorkflowIncident'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workflows/instances/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A workflow instance with its tasks and readable history */
    get: operations['getWorkflowInstance'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workflows/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Deliver a message to the instances waiting for it (by business key or instance) */
    post: operations['correlateWorkflowMessage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workflows/migrations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Move running instances (of orgs in your scope) to another release’s definition with an element mapping
     * @description Every element an instance is waiting in must be mapped to an element of the same type in the target definition; otherwise 422 lists the unmapped ones and nothing moves.
     */
    post: operations['migrateWorkflowInstances'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workflows/services': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The registered workflow services a service or send task may name (camunda:topic)
     * @description The engine's own services and those plugins registered through the plugin API (`workflowService`), by name. The BPMN lint does not know them: a modeler offers these.
     */
    get: operations['listWorkflowServices'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workflows/start-failures': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Workflows the outbox could not start (e.g. an urgent referral), with the error */
    get: operations['listWorkflowStartFailures'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workflows/start-failures/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Give up on starting the workflow */
    post: operations['cancelWorkflowStartFailure'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workflows/start-failures/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start the workflow now (after its cause is fixed) */
    post: operations['retryWorkflowStartFailure'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/worklist': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Due-soon, overdue and done-this-period follow-ups, by urgency, with counts
     * @description group: mine (the caller is the responsible doctor, default), team (the responsible doctor works at the caller’s org unit), institution (residents managed at the caller’s org unit) or region (org: a division or institution inside the caller’s scope; default the whole scope). Always within the caller’s records.read scope. status: comma-separated overdue, due-soon, done (default overdue,due-soon); period (month, quarter, year) bounds the done items. Sorted overdue first (most days overdue first), then due soon by due date, then done (latest first). counts: by status, programme and village, each leaving out its own filter. Audited as one listing of the residents shown.
     */
    get: operations['getWorklist'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    AccessLogEntry: {
      /** @description e.g. subject.view, subject.view-personal-data */
      action: string;
      actorUsername: string | null;
      /** @description The record chain of a write of the record (seq counts per chain) */
      chain: string | null;
      occurredAt: string;
      orgUnitCode: string | null;
      outcome: string;
      /** @description The reason given for seeing the personal data unmasked (subject.view-personal-data), else null */
      reason: string | null;
      seq: number;
    };
    AuditEvent: {
      [key: string]: unknown;
    };
    DataMigrationDryRun: {
      clean: number;
      failed: number;
      reasons: {
        code: string;
        count: number;
        example: {
          [key: string]: unknown;
        };
        path: string;
      }[];
      total: number;
    };
    DataMigrationPlan: {
      answers: {
        [key: string]: unknown;
      };
      createdAt: string;
      createdBy: string | null;
      formKey: string;
      from: {
        formVersion: string;
        releaseId: string;
      };
      id: string;
      /** @description The MigrationPlan (steps and the decisions still open) with every accepted answer applied */
      plan: {
        [key: string]: unknown;
      };
      /** @description Why the plan cannot run yet: `[{ path, code, message: { zh, en } }]` */
      problems: {
        [key: string]: unknown;
      }[];
      rowVersion: number;
      /** @enum {string} */
      status: 'draft' | 'ready' | 'running' | 'done' | 'failed';
      to: {
        formVersion: string;
        releaseId: string;
      };
      updatedAt: string;
    };
    DataMigrationRun: {
      batchSize: number;
      error: string | null;
      failed: number;
      finishedAt: string | null;
      heartbeatAt: string;
      id: string;
      migrated: number;
      owner: string;
      percent: number;
      planId: string;
      startedAt: string;
      /** @enum {string} */
      status: 'running' | 'done' | 'failed';
      total: number;
    };
    DocumentSignature: {
      /** @description e.g. SM2-SM3 */
      algorithm: string;
      /** @description The signer’s X.509 certificate, base64 DER */
      certificate?: string;
      /** @description ISO 8601 UTC; part of the signed bytes */
      signedAt: string;
      /** @description The certificate’s subject, e.g. CN=王建国, O=… */
      signer: string;
      /** @description The signature, base64 (SM2: DER SEQUENCE { r, s }) */
      value: string;
    };
    Draft: {
      /** @description What submitting it now would say (drafts are never refused) */
      check: {
        errors: unknown[];
        valid: boolean;
      };
      createdAt: string;
      data: {
        [key: string]: unknown;
      };
      formKey: string;
      formVersion: string;
      id: string;
      orgCode: string;
      releaseId: string;
      rowVersion: number;
      subjectId: string;
      updatedAt: string;
    };
    EffectiveSpec: {
      codeTables: {
        [key: string]: {
          [key: string]: unknown;
        };
      };
      forms: {
        [key: string]: {
          [key: string]: unknown;
        };
      };
      id: string;
      jurisdiction: string;
      parameters: {
        [key: string]: unknown;
      };
      workflows: string[];
    };
    Enrollment: {
      createdAt: string;
      details: {
        [key: string]: unknown;
      };
      endedOn: string | null;
      endReason: string | null;
      enrolledOn: string;
      id: string;
      orgCode: string;
      /** @description A programme: hypertension, diabetes, pregnancy, or one the release serving the resident’s clinic offers (GET /api/programs) */
      program: string;
      /** @description The responsible doctor (责任医生): whose worklist the due items are on */
      responsibleUserId: string | null;
      /** @description Also the ETag; send it back in If-Match */
      rowVersion: number;
      subjectId: string;
      updatedAt: string | null;
    };
    Error: {
      error: {
        /** @description Stable machine-readable code, e.g. malformed_json */
        code: string;
        details?: unknown;
        /** @description zh-CN message, then English after " / " */
        message: string;
      };
    };
    /** @description Why a form does not compile */
    FormProblem: {
      /** @description e.g. remote-ref-forbidden, ref-cycle, pattern-unsupported, rule-invalid */
      code: string;
      /** @description Key of the form */
      form: string;
      /** @description JSON pointer inside the form definition */
      formPath: string;
      message: {
        en: string;
        zh: string;
      };
      /** @description JSON pointer into the (effective) spec content */
      path: string;
    };
    /** @description `error.details.errors`: `[{ path (JSON pointer), keyword, message: { zh, en } }]`, the same list the browser shows */
    FormValidationError: {
      [key: string]: unknown;
    };
    Grant: {
      id: string;
      orgCode: string;
      role: string;
    };
    Health: {
      /** @enum {string} */
      database: 'pglite' | 'postgres';
      plugins?: {
        [key: string]: {
          detail?: {
            [key: string]: string | number | boolean | null;
          };
          /** @enum {string} */
          status: 'ok' | 'degraded';
        };
      };
      /** @enum {string} */
      status: 'ok' | 'unavailable';
      version: string;
    };
    Me: {
      displayName: string;
      grants: {
        id: string;
        orgCode: string;
        role: string;
      }[];
      id: string;
      /** @description This session passed a TOTP second factor */
      mfa: boolean;
      /** @description A role needs TOTP and none is enrolled */
      mfaSetupRequired: boolean;
      orgCode: string;
      /** @description Permissions usable in this session */
      permissions: string[];
      username: string;
    };
    Notification: {
      createdAt: string;
      dueItemId: string | null;
      /** @description The form that records the follow-up */
      formKey: string | null;
      id: string;
      /**
       * @description reminder: a due item fell due soon or overdue; workflow: a workflow’s notify
       * @enum {string}
       */
      kind: 'reminder' | 'workflow';
      readAt: string | null;
      reminderId: string | null;
      /** @description The resident it is about */
      subjectId: string | null;
      title: {
        en: string;
        zh: string;
      };
      workflowInstanceId: string | null;
    };
    OrgUnit: {
      code: string;
      institutionType?: string;
      kind: string;
      level: string;
      name: string;
      nameEn: string;
      parentCode?: string;
      path: string;
      year: number;
    };
    /** @description `overlay_rejected`: the overlay breaks its base’s policy, `error.details.problems`: `[{ path (JSON pointer into the overlay), code, message: { zh, en } }]`; `form_invalid`: a form of base + overlay does not compile (the compiler and limits the runtime uses), `error.details.problems`: `[{ form, path (into the effective spec), formPath (inside the form), code, message: { zh, en } }]` */
    OverlayRejected: {
      [key: string]: unknown;
    };
    PluginInfo: {
      description: {
        en: string;
        zh: string;
      };
      name: string;
      routes: string[];
      slug: string;
      title: {
        en: string;
        zh: string;
      };
      version: string;
    };
    ProgramSummary: {
      forms: {
        key: string;
        title: {
          en: string;
          zh: string;
        };
        version: string;
      }[];
      id: string;
      /** @enum {string} */
      source: 'base' | 'overlay';
      title: {
        en: string;
        zh: string;
      };
    };
    Release: {
      base: {
        spec: string;
        version: string;
      };
      /** @description New records of the jurisdiction are captured on it (a stored release whose forms do not compile is not, and the newest earlier one that compiles is) */
      current: boolean;
      id: string;
      jurisdiction: string;
      /** @description id, jurisdiction, base and overlay (versions and content hashes), and the version and hash of every form, code table, workflow and the parameters */
      manifest: {
        [key: string]: unknown;
      };
      /** @description SHA-256 of the manifest’s canonical JSON */
      manifestHash: string;
      overlay: {
        key: string;
        version: string;
      } | null;
      /** @description Only on a release stored before releases were checked whose forms do not compile: why */
      problems?: components['schemas']['FormProblem'][];
      publishedAt: string;
      publishedBy: string | null;
      /** @description Signature of the manifest’s canonical JSON (RFC 8785) by the signing plugin; null when none is loaded */
      signature: {
        /** @description e.g. SM2-SM3 */
        algorithm: string;
        /** @description The signer’s X.509 certificate, base64 DER */
        certificate?: string;
        /** @description ISO 8601 UTC; part of the signed bytes */
        signedAt: string;
        /** @description The certificate’s subject, e.g. CN=王建国, O=… */
        signer: string;
        /** @description The signature, base64 (SM2: DER SEQUENCE { r, s }) */
        value: string;
      } | null;
      /** @enum {string} */
      status: 'published' | 'deprecated';
    };
    ReleaseDiff: {
      [key: string]: unknown;
    };
    ReleaseSummary: {
      base: {
        spec: string;
        version: string;
      };
      /** @description New records of the jurisdiction are captured on it (a stored release whose forms do not compile is not, and the newest earlier one that compiles is) */
      current: boolean;
      id: string;
      jurisdiction: string;
      /** @description SHA-256 of the manifest’s canonical JSON */
      manifestHash: string;
      overlay: {
        key: string;
        version: string;
      } | null;
      /** @description Only on a release stored before releases were checked whose forms do not compile: why */
      problems?: components['schemas']['FormProblem'][];
      publishedAt: string;
      publishedBy: string | null;
      /** @description Signature of the manifest’s canonical JSON (RFC 8785) by the signing plugin; null when none is loaded */
      signature: {
        /** @description e.g. SM2-SM3 */
        algorithm: string;
        /** @description The signer’s X.509 certificate, base64 DER */
        certificate?: string;
        /** @description ISO 8601 UTC; part of the signed bytes */
        signedAt: string;
        /** @description The certificate’s subject, e.g. CN=王建国, O=… */
        signer: string;
        /** @description The signature, base64 (SM2: DER SEQUENCE { r, s }) */
        value: string;
      } | null;
      /** @enum {string} */
      status: 'published' | 'deprecated';
    };
    ReportingIndicators: {
      indicators: {
        denominator: {
          description: {
            en: string;
            zh: string;
          };
        };
        description: {
          en: string;
          zh: string;
        };
        id: string;
        numerator: {
          description: {
            en: string;
            zh: string;
          };
        };
        /** @enum {string} */
        period: 'month' | 'quarter' | 'year';
        program: string;
        title: {
          en: string;
          zh: string;
        };
        /** @enum {string} */
        unit: 'percent' | 'count' | 'ratio';
      }[];
      region: {
        code: string;
        level: string;
        name: string;
        nameEn: string;
      };
      release: {
        id: string;
        jurisdiction: string;
      };
    };
    ReportingValues: {
      indicator: {
        denominator: {
          description: {
            en: string;
            zh: string;
          };
        };
        description: {
          en: string;
          zh: string;
        };
        id: string;
        numerator: {
          description: {
            en: string;
            zh: string;
          };
        };
        title: {
          en: string;
          zh: string;
        };
      };
      loading: {
        lagSeconds: number;
        loadedUpTo: string | null;
      };
      period: {
        end: string;
        start: string;
      };
      region: {
        code: string;
        level: string;
        name: string;
        nameEn: string;
      };
      rows: {
        /** @description 下钻：是否还有下级 / Drill-down: whether the unit has units under it */
        children?: boolean;
        denominator: number;
        /** @description 责任医生（用户 id；姓名不在报表读模型中） / The responsible doctor (user id; names are not in the read model) */
        doctor?: {
          id: string;
          name: null;
        };
        numerator: number;
        period?: string;
        /** @description 百分比，一位小数；分母为 0 时为 null / Percent, one decimal; null when the denominator is 0 */
        rate: number | null;
        region?: {
          code: string;
          name: string;
          nameEn: string;
        };
        team?: string;
      }[];
      total: {
        denominator: number;
        numerator: number;
        /** @description 百分比，一位小数；分母为 0 时为 null / Percent, one decimal; null when the denominator is 0 */
        rate: number | null;
      };
    };
    ResidentWorkflow: {
      definitionKey: string;
      id: string;
      /** @description The process’s name as its BPMN gives it, e.g. 双向转诊 Two-way referral */
      name: string;
      releaseId: string;
      startedAt: string;
      /** @enum {string} */
      status: 'running' | 'waiting' | 'incident';
      /** @description Its open and claimed tasks, oldest first; none while it waits for a timer or message */
      tasks: {
        assigneeId: string | null;
        candidateOrgPath: string;
        candidateRole: string | null;
        createdAt: string;
        dueAt: string | null;
        elementId: string;
        formKey: string | null;
        id: string;
        instanceId: string;
        /** @description You may work it now: your role over its org, open or claimed by you */
        mayWork: boolean;
        name: string;
        /** @enum {string} */
        status: 'open' | 'claimed';
        version: number;
      }[];
      updatedAt: string;
    };
    SignatureVerification: {
      algorithm?: string;
      certificate?: {
        issuer: string;
        notAfter: string;
        notBefore: string;
        serial: string;
        subject: string;
      };
      message: {
        en: string;
        zh: string;
      };
      signedAt?: string;
      signer?: string;
      /**
       * @description valid: the signature holds and its certificate chains to a trusted root, was valid at the signing time and is not revoked; each other status names the first thing that failed; unsigned: nothing (or not this revision) is signed
       * @enum {string}
       */
      status:
        'valid' | 'invalid' | 'certificate-expired' | 'revoked' | 'unknown-issuer' | 'unsigned';
    };
    SpecVersion: {
      /** @description A reviewer approved it (in review) */
      approved: boolean;
      approvedAt: string | null;
      approvedBy: string | null;
      base?: {
        spec: string;
        version: string;
      };
      /** @description The spec content (forms, codeTables, parameters, workflows, schedules, indicators) or the Overlay */
      content?: unknown;
      contentHash: string;
      createdAt: string;
      createdBy: string | null;
      deprecatedAt: string | null;
      deprecatedBy: string | null;
      /** @description GB/T 2260 code of the owning jurisdiction */
      jurisdiction: string;
      key: string;
      /** @enum {string} */
      kind: 'spec' | 'overlay';
      publishedAt: string | null;
      publishedBy: string | null;
      reviewComment: string | null;
      /** @description Send it back in If-Match to edit a draft */
      rowVersion: number;
      /** @enum {string} */
      status: 'draft' | 'in-review' | 'published' | 'deprecated';
      submittedAt: string | null;
      submittedBy: string | null;
      transitions: {
        action: string;
        actorId: string | null;
        actorUsername: string | null;
        at: string;
        from: string | null;
        reason: string | null;
        to: string;
      }[];
      updatedAt: string;
      updatedBy: string | null;
      version: string;
    };
    SpecVersionSummary: {
      /** @description A reviewer approved it (in review) */
      approved: boolean;
      approvedAt: string | null;
      approvedBy: string | null;
      base?: {
        spec: string;
        version: string;
      };
      contentHash: string;
      createdAt: string;
      createdBy: string | null;
      deprecatedAt: string | null;
      deprecatedBy: string | null;
      /** @description GB/T 2260 code of the owning jurisdiction */
      jurisdiction: string;
      key: string;
      /** @enum {string} */
      kind: 'spec' | 'overlay';
      publishedAt: string | null;
      publishedBy: string | null;
      reviewComment: string | null;
      /** @description Send it back in If-Match to edit a draft */
      rowVersion: number;
      /** @enum {string} */
      status: 'draft' | 'in-review' | 'published' | 'deprecated';
      submittedAt: string | null;
      submittedBy: string | null;
      updatedAt: string;
      updatedBy: string | null;
      version: string;
    };
    Subject: {
      birthDate: string;
      /** @description 居民健康档案编号: 12-digit division code + 5-digit serial */
      healthRecordNumber: string | null;
      id: string;
      /** @description Masked (350102********123X) unless revealed */
      idNumber: string;
      masked: boolean;
      name: string;
      orgCode: string;
      phone: string | null;
      /** @description Also the ETag; send it back in If-Match */
      rowVersion: number;
      sex: string;
    };
    Submission: {
      createdAt: string;
      createdBy: string;
      data: {
        [key: string]: unknown;
      };
      /** @description Fields the client sent that are hidden for this data (not stored) */
      dropped?: string[];
      enrollmentId: string | null;
      formKey: string;
      /** @description The form version the data is pinned to */
      formVersion: string;
      id: string;
      orgCode: string;
      /** @description The release the form version belongs to */
      releaseId: string;
      revision: number;
      /** @description Send it back in If-Match to amend */
      rowVersion: number;
      subjectId: string;
      updatedAt: string;
      updatedBy: string;
    };
    SubmissionVersionView: {
      data: {
        [key: string]: unknown;
      };
      formKey: string;
      formVersion: string;
      /** @description How the data reached this version; null when captured on it */
      migrated: {
        changed: string[];
        from: {
          formVersion: string;
          releaseId: string;
        };
        onTheFly: boolean;
        planId: string;
      } | null;
      releaseId: string;
      revision: number;
      submissionId: string;
    };
    User: {
      active: boolean;
      displayName: string;
      grants: components['schemas']['Grant'][];
      id: string;
      locked: boolean;
      orgCode: string;
      totpEnabled: boolean;
      username: string;
    };
    WorkflowIncident: {
      createdAt: string;
      elementId: string;
      error: string;
      id: string;
      instanceId: string;
      status: string;
    };
    WorkflowInstance: {
      [key: string]: unknown;
    };
    WorkflowInstanceCounts: {
      releases: {
        /** @description Element id → open instances waiting at it */
        elements: {
          [key: string]: number;
        };
        /** @description Open instances pinned to the release */
        instances: number;
        releaseId: string;
      }[];
    };
    WorkflowStartFailure: {
      businessKey: string | null;
      createdAt: string;
      definitionKey: string;
      error: string;
      id: string;
      instanceId: string | null;
      orgCode: string;
      status: string;
      subjectId: string | null;
      triggerId: string | null;
    };
    WorkflowTask: {
      [key: string]: unknown;
    };
    WorkflowTaskListed: {
      assigneeId: string | null;
      candidateOrgPath: string;
      candidateRole: string | null;
      completedAt: string | null;
      completedBy: string | null;
      createdAt: string;
      dueAt: string | null;
      /** @description The BPMN user task */
      elementId: string;
      /** @description camunda:formKey: the form bound to the task */
      formKey: string | null;
      id: string;
      instanceId: string;
      name: string;
      /** @description The BPMN element's camunda:properties, e.g. `decisionVariable` (a decision: complete it with that variable) and `declineReasonVariable` */
      properties: {
        [key: string]: string;
      };
      /** @description The release the instance is pinned to (its forms) */
      releaseId: string;
      /** @enum {string} */
      status: 'open' | 'claimed' | 'completed' | 'cancelled';
      /** @description The instance's resident */
      subjectId: string | null;
      /** @description The resident's name: in clear when you may read their record (records.read over their institution), else masked (陈**); null without a resident */
      subjectName: string | null;
      /** @description subjectName is masked: their record is not yours to open */
      subjectNameMasked: boolean;
      submissionId: string | null;
      /** @description Send it in If-Match to claim, release or complete */
      version: number;
    };
    Worklist: {
      counts: {
        byProgram: {
          count: number;
          program: string;
        }[];
        byStatus: {
          done: number;
          'due-soon': number;
          overdue: number;
        };
        byVillage: {
          count: number;
          name: string | null;
          villageCode: string | null;
        }[];
      };
      /** @enum {string} */
      group: 'mine' | 'team' | 'institution' | 'region';
      items: components['schemas']['WorklistItem'][];
      limit: number;
      offset: number;
      period: {
        from: string;
        /** @enum {string} */
        kind: 'month' | 'quarter' | 'year';
        to: string;
      };
      today: string;
      total: number;
    };
    WorklistItem: {
      /** @description Days since it became overdue (that day is 1); null unless overdue */
      daysOverdue: number | null;
      doneOn: string | null;
      dueDate: string;
      dueSoonDate: string;
      expiresOn: string | null;
      /** @description The form to open: its key and version on the release the item was computed on */
      form: {
        key: string;
        release: string;
        version: string | null;
      };
      id: string;
      occurrence: {
        id: string;
        schedule: string;
        title: {
          en: string;
          zh: string;
        };
      };
      /** @description The clinic managing the enrollment */
      orgCode: string;
      overdueDate: string;
      program: string;
      resident: {
        id: string;
        name: string;
        /** @description Masked */
        phone: string | null;
      };
      responsibleUserId: string | null;
      /** @enum {string} */
      status: 'overdue' | 'due-soon' | 'done';
      /** @description Grows when a date or the status changes */
      version: number;
      villageCode: string | null;
      windowEnd: string;
      windowStart: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getHome: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description HTML page */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listAuditEvents: {
    parameters: {
      query?: {
        action?:
          | 'auth.login.success'
          | 'auth.login.failure'
          | 'auth.logout'
          | 'auth.lockout'
          | 'auth.totp.enabled'
          | 'auth.password.changed'
          | 'access.denied'
          | 'subject.create'
          | 'subject.update'
          | 'subject.view'
          | 'subject.view-personal-data'
          | 'enrollment.create'
          | 'enrollment.end'
          | 'enrollment.reassign'
          | 'submission.create'
          | 'submission.update'
          | 'grant.create'
          | 'grant.revoke'
          | 'user.create'
          | 'user.update'
          | 'spec.publish'
          | 'spec.draft.save'
          | 'spec.submit'
          | 'spec.approve'
          | 'spec.return'
          | 'spec.deprecate'
          | 'release.publish'
          | 'data-migration.run'
          | 'workflow.incident.retry'
          | 'workflow.incident.cancel'
          | 'workflow.start.retry'
          | 'workflow.start.cancel'
          | 'workflow.migrate'
          | 'audit.head.sign'
          | 'export';
        before?: number;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Events */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            events: components['schemas']['AuditEvent'][];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission audit.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  signAuditHead: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The head and its signature */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            hash: string;
            seq: number;
            signature?: components['schemas']['DocumentSignature'];
            /** @description false: the head had not moved */
            signed: boolean;
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission audit.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `signature_failed`: the signing plugin failed (nothing stored) */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `signer_unavailable`: no signing plugin is loaded */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          password: string;
          totp?: string;
          username: string;
        };
      };
    };
    responses: {
      /** @description Signed in; the token is also set as an HttpOnly cookie */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            expiresAt: string;
            token: string;
            user: components['schemas']['Me'];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description invalid_credentials: wrong password, unknown name or locked account (one answer for all three); totp_required, totp_invalid, or totp_reused (a code already used) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many attempts */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Signed out */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getMe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Me */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Me'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  changePassword: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          currentPassword: string;
          newPassword: string;
        };
      };
    };
    responses: {
      /** @description Changed */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The policy refuses it */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  enableTotp: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          code: string;
        };
      };
    };
    responses: {
      /** @description Enabled */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Wrong code */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  beginTotp: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Secret and otpauth URL */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            otpauthUrl: string;
            secret: string;
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listDataMigrationPlans: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Plans */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            plans: components['schemas']['DataMigrationPlan'][];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission forms.design (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createDataMigrationPlan: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          formKey: string;
          fromRelease: string;
          toRelease: string;
        };
      };
    };
    responses: {
      /** @description Drafted */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DataMigrationPlan'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission forms.design (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The plan or the answers have problems (`error.details.problems`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getDataMigrationPlan: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Plan */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            answers: {
              [key: string]: unknown;
            };
            createdAt: string;
            createdBy: string | null;
            formKey: string;
            from: {
              formVersion: string;
              releaseId: string;
            };
            id: string;
            /** @description The MigrationPlan (steps and the decisions still open) with every accepted answer applied */
            plan: {
              [key: string]: unknown;
            };
            /** @description Why the plan cannot run yet: `[{ path, code, message: { zh, en } }]` */
            problems: {
              [key: string]: unknown;
            }[];
            rowVersion: number;
            runs: components['schemas']['DataMigrationRun'][];
            /** @enum {string} */
            status: 'draft' | 'ready' | 'running' | 'done' | 'failed';
            to: {
              formVersion: string;
              releaseId: string;
            };
            updatedAt: string;
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission forms.design (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such plan */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  answerDataMigrationPlan: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          answers: {
            [key: string]: {
              [key: string]: unknown;
            };
          };
        };
      };
    };
    responses: {
      /** @description The plan with the answers applied */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DataMigrationPlan'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission forms.design (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The plan is running */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The plan or the answers have problems (`error.details.problems`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  dryRunDataMigration: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Counts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DataMigrationDryRun'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission forms.design (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description - */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  startDataMigrationRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          batchSize?: number;
        };
      };
    };
    responses: {
      /** @description Started (or resumed) */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DataMigrationRun'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission specs.publish (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Another process is running it */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The plan or the answers have problems (`error.details.problems`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getDataMigrationRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        runId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Progress */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DataMigrationRun'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission forms.design (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description - */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  diffReleases: {
    parameters: {
      query: {
        form?: string;
        /** @description `national-phs@3.0.0` or `national-phs@3.0.0+fujian@1.0.0` */
        from: string;
        /** @description `national-phs@3.0.0` or `national-phs@3.0.0+fujian@1.0.0` */
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Diff */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReleaseDiff'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such release or form */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiDocs: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description HTML page */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getApiDocsAsset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        file: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CSS or JavaScript */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/javascript': string;
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listDrafts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Drafts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            drafts: components['schemas']['Draft'][];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.capture (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createDraft: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @default {} */
          data?: {
            [key: string]: unknown;
          };
          formKey: string;
          /** Format: uuid */
          subjectId: string;
        };
      };
    };
    responses: {
      /** @description Draft */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Draft'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.capture (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getDraft: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Draft */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Draft'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.capture (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  saveDraft: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data: {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description Saved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Draft'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.capture (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Saved elsewhere since: reload */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description If-Match is missing */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteDraft: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Discarded */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.capture (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  submitDraft: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Stored */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Submission'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.capture (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Already submitted */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The draft is not valid yet */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getEffectiveSpec: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description `national-phs@3.0.0` or `national-phs@3.0.0+fujian@1.0.0` */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Effective spec */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EffectiveSpec'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such release or versions */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  endEnrollment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          endedOn: string;
          reason: string;
        };
      };
    };
    responses: {
      /** @description Ended; ETag: the new row version */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Enrollment'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.capture (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such enrollment in your scope */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description stale_row_version or already_ended */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description endedOn in the future or before enrolledOn */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No If-Match header */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  reassignEnrollment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          userId: string;
        };
      };
    };
    responses: {
      /** @description Reassigned; ETag: the new row version */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Enrollment'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.capture (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such enrollment in your scope */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description stale_row_version or already_ended */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The user is not active or may not capture records at the clinic */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No If-Match header */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createFormPreview: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @default {} */
          codeTables?: {
            [key: string]: unknown;
          };
          definition: {
            key: string;
          } & {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description Compiled: where its validator module is */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            validator: {
              fingerprint: string;
              runtimeUrl: string;
              url: string;
            };
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission forms.design (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `form_invalid`: the form does not compile */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getFormPreviewValidator: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        hash: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description JavaScript module */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/javascript': string;
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not (or no longer) kept: compile the preview again */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getFormValidatorRuntime: {
    parameters: {
      query?: {
        /** @description The content hash of the module (from the URL the API gave); cached for a year when given */
        hash?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description JavaScript module */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/javascript': string;
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listForms: {
    parameters: {
      query?: {
        orgCode?: string;
        release?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Forms */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            forms: {
              key: string;
              /** @description The programme whose enrollment its submissions belong to (GET /api/programs), or null */
              program: string | null;
              title: {
                en: string;
                zh: string;
              };
              version: string;
            }[];
            releaseId: string;
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getForm: {
    parameters: {
      query?: {
        orgCode?: string;
        release?: string;
      };
      header?: never;
      path: {
        key: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Form */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            codeTables: {
              [key: string]: unknown;
            };
            definition: {
              [key: string]: unknown;
            };
            /** @description Lowercase pinyin initials of the Chinese labels of long code tables (more than 5 codes), by table and code, to filter options as one types */
            pinyinInitials: {
              [key: string]: {
                [key: string]: string;
              };
            };
            releaseId: string;
            /** @description The release's triggers of this form (what storing such a record starts), so the form can say so while their condition holds on the data */
            triggers: {
              condition?: unknown;
              id: string;
              title: {
                en: string;
                zh: string;
              };
            }[];
            /** @description The form version's validator as a standalone ES module (no eval: for a page whose CSP forbids it), content-hashed and immutable; its `validate` and `fingerprint` go to compilePrecompiledForm. `runtimeUrl` is the module it imports (shared by every form): import both at once and they load side by side instead of one after the other */
            validator: {
              fingerprint: string;
              runtimeUrl: string;
              url: string;
            };
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `form_broken`: the form of that release does not compile (a release stored before releases were checked); `details.problems` says why */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getFormTypeScript: {
    parameters: {
      query?: {
        orgCode?: string;
        release?: string;
      };
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description TypeScript source */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `form_broken`: the form of that release does not compile (a release stored before releases were checked); `details.problems` says why */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getFormValidator: {
    parameters: {
      query: {
        /** @description The content hash of the module (from the URL the API gave); cached for a year when given */
        hash?: string;
        release: string;
      };
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description JavaScript module */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/javascript': string;
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `form_broken`: the form of that release does not compile (a release stored before releases were checked); `details.problems` says why */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The engine and its database answer */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The database does not answer */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
    };
  };
  listNotifications: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number | null;
        unread?: 'true' | 'false';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The page, the total and the unread count */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Notification'][];
            limit: number;
            offset: number;
            total: number;
            unread: number;
          };
        };
      };
      /** @description A query parameter is not valid (named in details) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readNotification: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The notification, read */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Notification'];
        };
      };
      /** @description The id is not a UUID */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description notification_not_found: none of the caller’s has this id */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readAllNotifications: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description How many were unread */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            marked: number;
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getOpenApiDocument: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OpenAPI 3.1 document */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            [key: string]: unknown;
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listOrgUnits: {
    parameters: {
      query?: {
        year?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Units in path order */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            units: components['schemas']['OrgUnit'][];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listOverlayVersions: {
    parameters: {
      query?: {
        key?: string;
        status?: 'draft' | 'in-review' | 'published' | 'deprecated';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Versions */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            versions: components['schemas']['SpecVersionSummary'][];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createOverlayVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          [key: string]: unknown;
        };
      };
    };
    responses: {
      /** @description Draft created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpecVersion'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Outside your jurisdiction */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The version exists */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The overlay is rejected */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverlayRejected'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getOverlayVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Overlay */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpecVersion'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description None */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  updateOverlayVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          [key: string]: unknown;
        };
      };
    };
    responses: {
      /** @description Saved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpecVersion'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission forms.design (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such version in your jurisdiction */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `published_is_immutable` (published or deprecated), `not_a_draft` (in review) or a stale row version */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The content is rejected */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverlayRejected'];
        };
      };
      /** @description If-Match is missing */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  approveOverlayVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason?: string;
        };
      };
    };
    responses: {
      /** @description Moved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpecVersion'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Four eyes: the author may not approve or publish */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such version in your jurisdiction */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not in a status this step starts from, or not approved */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Submitting or publishing content that no longer passes the checks made at drafting: an overlay that does not apply, a form that does not compile (`form_invalid`, `spec_invalid`); the version stays where it was */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverlayRejected'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deprecateOverlayVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Moved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpecVersion'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Four eyes: the author may not approve or publish */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such version in your jurisdiction */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not in a status this step starts from, or not approved */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Submitting or publishing content that no longer passes the checks made at drafting: an overlay that does not apply, a form that does not compile (`form_invalid`, `spec_invalid`); the version stays where it was */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverlayRejected'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  publishOverlayVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason?: string;
        };
      };
    };
    responses: {
      /** @description Moved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpecVersion'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Four eyes: the author may not approve or publish */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such version in your jurisdiction */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not in a status this step starts from, or not approved */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Submitting or publishing content that no longer passes the checks made at drafting: an overlay that does not apply, a form that does not compile (`form_invalid`, `spec_invalid`); the version stays where it was */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverlayRejected'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  rebaseOverlayVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          toBaseVersion: string;
          /** @description Version of the new draft overlay, e.g. 1.1.0 */
          version: string;
        };
      };
    };
    responses: {
      /** @description Draft created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            carried: {
              index: number;
              op?: unknown;
            }[];
            conflicts: {
              baseChange: {
                [key: string]: unknown;
              };
              code: string;
              index: number;
              op?: unknown;
              reason: {
                en: string;
                zh: string;
              };
            }[];
            overlay: components['schemas']['SpecVersion'];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission forms.design (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such overlay version in your jurisdiction */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The new version exists, or the base version is not published */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The overlay cannot be rebased */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverlayRejected'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  returnOverlayVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Moved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpecVersion'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Four eyes: the author may not approve or publish */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such version in your jurisdiction */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not in a status this step starts from, or not approved */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Submitting or publishing content that no longer passes the checks made at drafting: an overlay that does not apply, a form that does not compile (`form_invalid`, `spec_invalid`); the version stays where it was */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverlayRejected'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  submitOverlayVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason?: string;
        };
      };
    };
    responses: {
      /** @description Moved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpecVersion'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Four eyes: the author may not approve or publish */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such version in your jurisdiction */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not in a status this step starts from, or not approved */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Submitting or publishing content that no longer passes the checks made at drafting: an overlay that does not apply, a form that does not compile (`form_invalid`, `spec_invalid`); the version stays where it was */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverlayRejected'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listPlugins: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Loaded plugins */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            plugins: components['schemas']['PluginInfo'][];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'ca-signing.status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the signing configuration in force */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            development: boolean;
            distId: string;
            /** @enum {string} */
            provider: 'local' | 'signing-server';
            roots: {
              notAfter: string;
              serial: string;
              subject: string;
            }[];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission audit.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'reporting.drilldown': {
    parameters: {
      query?: {
        /** @description 结束日期 YYYY-MM-DD（含） / Last day, included */
        end?: string | string[];
        /** @description 分组，逗号分隔：province|city|county|township|village|clinic, month|quarter|year, team, doctor / Groupings, comma-separated */
        group?: string | string[];
        /** @description 指标 id（GET /indicators） / An indicator id of the region’s release */
        indicator?: string | string[];
        /** @description 统计期 YYYY、YYYY-Qn 或 YYYY-MM / The period: YYYY, YYYY-Qn or YYYY-MM */
        period?: string | string[];
        /** @description 区划或机构代码，默认为本人最高管辖单位 / Org-unit code; default: your highest unit */
        region?: string | string[];
        /** @description 起始日期 YYYY-MM-DD（与 end 一起代替 period，最长 10 年） / First day, with end instead of period (at most 10 years) */
        start?: string | string[];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The values by child unit */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReportingValues'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission reports.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'reporting.export': {
    parameters: {
      query?: {
        /** @description 结束日期 YYYY-MM-DD（含） / Last day, included */
        end?: string | string[];
        /** @description xlsx 或 csv / xlsx or csv */
        format?: string | string[];
        /** @description 分组，逗号分隔：province|city|county|township|village|clinic, month|quarter|year, team, doctor / Groupings, comma-separated */
        group?: string | string[];
        /** @description 指标 id（GET /indicators） / An indicator id of the region’s release */
        indicator?: string | string[];
        /** @description 统计期 YYYY、YYYY-Qn 或 YYYY-MM / The period: YYYY, YYYY-Qn or YYYY-MM */
        period?: string | string[];
        /** @description 区划或机构代码，默认为本人最高管辖单位 / Org-unit code; default: your highest unit */
        region?: string | string[];
        /** @description 起始日期 YYYY-MM-DD（与 end 一起代替 period，最长 10 年） / First day, with end instead of period (at most 10 years) */
        start?: string | string[];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file (xlsx, or text/csv for format=csv) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission reports.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'reporting.indicators': {
    parameters: {
      query?: {
        /** @description 区划或机构代码，默认为本人最高管辖单位 / Org-unit code; default: your highest unit */
        region?: string | string[];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The indicators */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReportingIndicators'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission reports.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'reporting.status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Status */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            available: boolean;
            backfill: {
              loaded: number;
              /** @enum {string} */
              state: 'idle' | 'running' | 'done' | 'failed';
              total: number;
            };
            error?: string;
            lagSeconds: number;
            loadedRecords: number | null;
            /** @enum {string} */
            mode: 'embedded' | 'server';
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission reports.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'reporting.trend': {
    parameters: {
      query?: {
        /** @description 结束日期 YYYY-MM-DD（含） / Last day, included */
        end?: string | string[];
        /** @description 分组，逗号分隔：province|city|county|township|village|clinic, month|quarter|year, team, doctor / Groupings, comma-separated */
        group?: string | string[];
        /** @description 指标 id（GET /indicators） / An indicator id of the region’s release */
        indicator?: string | string[];
        /** @description 统计期 YYYY、YYYY-Qn 或 YYYY-MM / The period: YYYY, YYYY-Qn or YYYY-MM */
        period?: string | string[];
        /** @description 区划或机构代码，默认为本人最高管辖单位 / Org-unit code; default: your highest unit */
        region?: string | string[];
        /** @description 起始日期 YYYY-MM-DD（与 end 一起代替 period，最长 10 年） / First day, with end instead of period (at most 10 years) */
        start?: string | string[];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The months, year to date */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReportingValues'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission reports.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  'reporting.values': {
    parameters: {
      query?: {
        /** @description 结束日期 YYYY-MM-DD（含） / Last day, included */
        end?: string | string[];
        /** @description 分组，逗号分隔：province|city|county|township|village|clinic, month|quarter|year, team, doctor / Groupings, comma-separated */
        group?: string | string[];
        /** @description 指标 id（GET /indicators） / An indicator id of the region’s release */
        indicator?: string | string[];
        /** @description 统计期 YYYY、YYYY-Qn 或 YYYY-MM / The period: YYYY, YYYY-Qn or YYYY-MM */
        period?: string | string[];
        /** @description 区划或机构代码，默认为本人最高管辖单位 / Org-unit code; default: your highest unit */
        region?: string | string[];
        /** @description 起始日期 YYYY-MM-DD（与 end 一起代替 period，最长 10 年） / First day, with end instead of period (at most 10 years) */
        start?: string | string[];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The values */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReportingValues'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission reports.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listPrograms: {
    parameters: {
      query?: {
        orgCode?: string;
        release?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Programmes */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            programs: components['schemas']['ProgramSummary'][];
            releaseId: string;
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listReleases: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Releases */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            releases: components['schemas']['ReleaseSummary'][];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  publishRelease: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          base?: {
            spec: string;
            version: string;
          };
          overlay?: {
            key: string;
            version: string;
          };
        };
      };
    };
    responses: {
      /** @description Published */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Release'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission specs.publish (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such version in your jurisdiction */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A version is not published, or the release exists */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `overlay_rejected`: the overlay does not apply to its base; `form_invalid`: a form of the release does not compile (`details.problems`: FormProblem[]); nothing is stored and the current release stays */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getRelease: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description `national-phs@3.0.0` or `national-phs@3.0.0+fujian@1.0.0` */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Release */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Release'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description None */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getReleaseSignature: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description `national-phs@3.0.0` or `national-phs@3.0.0+fujian@1.0.0` */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Verification */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SignatureVerification'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description None */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `signer_unavailable`: a signature is stored but no signing plugin is loaded to verify it */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  listRoles: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Roles */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            roles: {
              key: string;
              level: string;
              line: string;
              permissions: string[];
              title: {
                en: string;
                zh: string;
              };
            }[];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listSpecVersions: {
    parameters: {
      query?: {
        key?: string;
        status?: 'draft' | 'in-review' | 'published' | 'deprecated';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Versions */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            versions: components['schemas']['SpecVersionSummary'][];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createSpecVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          content: {
            codeTables: {
              [key: string]: unknown;
            };
            forms: {
              [key: string]: unknown;
            };
            indicators?: {
              [key: string]: unknown;
            };
            parameters: {
              [key: string]: unknown;
            };
            schedules?: {
              [key: string]: unknown;
            };
            /** @default {} */
            workflows?: {
              [key: string]: string;
            };
          } & {
            [key: string]: unknown;
          };
          /** @default 100000 */
          jurisdiction?: string;
          version: string;
        };
      };
    };
    responses: {
      /** @description Draft created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpecVersion'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Outside your jurisdiction */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The version exists */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `spec_invalid`: `details.errors` lists each problem; a form that does not compile carries `form`, `formPath` (inside the form), `code` and `message: { zh, en }` */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getSpecVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Spec */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpecVersion'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description None */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  updateSpecVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          content: {
            codeTables: {
              [key: string]: unknown;
            };
            forms: {
              [key: string]: unknown;
            };
            indicators?: {
              [key: string]: unknown;
            };
            parameters: {
              [key: string]: unknown;
            };
            schedules?: {
              [key: string]: unknown;
            };
            /** @default {} */
            workflows?: {
              [key: string]: string;
            };
          } & {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description Saved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpecVersion'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission forms.design (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such version in your jurisdiction */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `published_is_immutable` (published or deprecated), `not_a_draft` (in review) or a stale row version */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The content is rejected */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverlayRejected'];
        };
      };
      /** @description If-Match is missing */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  approveSpecVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason?: string;
        };
      };
    };
    responses: {
      /** @description Moved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpecVersion'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Four eyes: the author may not approve or publish */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such version in your jurisdiction */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not in a status this step starts from, or not approved */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Submitting or publishing content that no longer passes the checks made at drafting: an overlay that does not apply, a form that does not compile (`form_invalid`, `spec_invalid`); the version stays where it was */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverlayRejected'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deprecateSpecVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Moved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpecVersion'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Four eyes: the author may not approve or publish */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such version in your jurisdiction */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not in a status this step starts from, or not approved */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Submitting or publishing content that no longer passes the checks made at drafting: an overlay that does not apply, a form that does not compile (`form_invalid`, `spec_invalid`); the version stays where it was */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverlayRejected'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  publishSpecVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason?: string;
        };
      };
    };
    responses: {
      /** @description Moved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpecVersion'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Four eyes: the author may not approve or publish */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such version in your jurisdiction */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not in a status this step starts from, or not approved */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Submitting or publishing content that no longer passes the checks made at drafting: an overlay that does not apply, a form that does not compile (`form_invalid`, `spec_invalid`); the version stays where it was */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverlayRejected'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  returnSpecVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Moved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpecVersion'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Four eyes: the author may not approve or publish */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such version in your jurisdiction */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not in a status this step starts from, or not approved */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Submitting or publishing content that no longer passes the checks made at drafting: an overlay that does not apply, a form that does not compile (`form_invalid`, `spec_invalid`); the version stays where it was */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverlayRejected'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  submitSpecVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
        version: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason?: string;
        };
      };
    };
    responses: {
      /** @description Moved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpecVersion'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Four eyes: the author may not approve or publish */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No such version in your jurisdiction */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not in a status this step starts from, or not approved */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Submitting or publishing content that no longer passes the checks made at drafting: an overlay that does not apply, a form that does not compile (`form_invalid`, `spec_invalid`); the version stays where it was */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OverlayRejected'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  findSubjects: {
    parameters: {
      query?: {
        healthRecordNumber?: string;
        idNumber?: string;
        initials?: string;
        limit?: number;
        name?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Matches */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            subjects: components['schemas']['Subject'][];
          };
        };
      };
      /** @description No criterion, or more than one */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createSubject: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Given by hand (17 digits); generated when absent */
          healthRecordNumber?: string;
          idNumber: string;
          name: string;
          orgCode: string;
          phone?: string;
        };
      };
    };
    responses: {
      /** @description Registered (ID and phone masked); ETag: the row version */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Subject'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.capture (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description This ID number or health record number is already registered */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Invalid ID number or org unit */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getSubject: {
    parameters: {
      query?: {
        /** @description Why the record is shown unmasked; required with reveal=true */
        reason?: string;
        reveal?: 'true' | 'false';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Resident; ETag: the row version */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Subject'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  updateSubject: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          orgCode?: string;
          phone?: string | null;
        };
      };
    };
    responses: {
      /** @description Changed (masked); ETag: the new row version */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Subject'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.capture (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description stale_row_version: changed meanwhile, nothing written */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unknown org unit */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description No If-Match header */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getSubjectAccessLog: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Views, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            entries: components['schemas']['AccessLogEntry'][];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listEnrollments: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Enrollments */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            enrollments: components['schemas']['Enrollment'][];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such resident in your scope */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createEnrollment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          details?: {
            [key: string]: unknown;
          };
          enrolledOn: string;
          orgCode?: string;
          /** @description A programme: hypertension, diabetes, pregnancy, or one the release serving the resident’s clinic offers (GET /api/programs) */
          program: string;
        };
      };
    };
    responses: {
      /** @description Enrolled; ETag: the row version */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Enrollment'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.capture (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such resident in your scope */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description already_enrolled: an active enrollment in this program exists */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Invalid date (future, before birth), org unit, or details giving no date; program_not_offered: the release serving the resident’s clinic does not offer the programme */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listSubjectSubmissions: {
    parameters: {
      query?: {
        formKey?: string;
        limit?: number;
        reveal?: 'true' | 'false';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Submissions */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            submissions: components['schemas']['Submission'][];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description reveal=true without personal-data.read */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listResidentWorkflows: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Open instances, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            workflows: components['schemas']['ResidentWorkflow'][];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createSubmission: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data?: unknown;
          formKey: string;
          /** Format: uuid */
          subjectId: string;
        };
      };
    };
    responses: {
      /** @description Stored */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Submission'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.capture (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such resident in your scope */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Conflict */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The data is not valid for the form */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FormValidationError'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getSubmission: {
    parameters: {
      query?: {
        reveal?: 'true' | 'false';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Submission */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Submission'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description reveal=true without personal-data.read */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  amendSubmission: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data?: unknown;
          reason: string;
        };
      };
    };
    responses: {
      /** @description Amended (or unchanged when the data is the same) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Submission'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.capture (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The row version is stale: reload and try again */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The data is not valid for the form */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FormValidationError'];
        };
      };
      /** @description If-Match is missing */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listSubmissionRevisions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revisions, first to last */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            revisions: {
              authorId: string;
              changed: string[];
              createdAt: string;
              reason: string | null;
              revision: number;
            }[];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getSubmissionRevision: {
    parameters: {
      query?: {
        reveal?: 'true' | 'false';
      };
      header?: never;
      path: {
        id: string;
        revision: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revision */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            [key: string]: unknown;
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description reveal=true without personal-data.read */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getSubmissionSignature: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Verification */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            algorithm?: string;
            certificate?: {
              issuer: string;
              notAfter: string;
              notBefore: string;
              serial: string;
              subject: string;
            };
            message: {
              en: string;
              zh: string;
            };
            /** @description The submission’s current revision */
            revision: number;
            signedAt?: string;
            /** @description The revision the newest signature covers */
            signedRevision?: number;
            signer?: string;
            /**
             * @description valid: the signature holds and its certificate chains to a trusted root, was valid at the signing time and is not revoked; each other status names the first thing that failed; unsigned: nothing (or not this revision) is signed
             * @enum {string}
             */
            status:
              | 'valid'
              | 'invalid'
              | 'certificate-expired'
              | 'revoked'
              | 'unknown-issuer'
              | 'unsigned';
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such submission in your scope */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `signer_unavailable`: a signature is stored but no signing plugin is loaded to verify it */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getSubmissionAsCaptured: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description As captured */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SubmissionVersionView'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getSubmissionInCurrentVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description In the current version */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SubmissionVersionView'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission records.read (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No ready plan leads from its version to the current one */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The record does not migrate (`error.details.reasons`) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listTasks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Tasks */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            tasks: components['schemas']['WorkflowTaskListed'][];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission tasks.work (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  claimTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The task */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkflowTask'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission tasks.work (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such task for you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Completed, claimed by someone else, or stale (If-Match) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  completeTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          data?: {
            [key: string]: unknown;
          };
          variables?: {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description Completed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            instance: components['schemas']['WorkflowInstance'];
            task: components['schemas']['WorkflowTask'];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission tasks.work (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such task for you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Already completed, claimed by someone else, or stale */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The form data is not valid */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  releaseTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The task */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkflowTask'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission tasks.work (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such task for you */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Completed, claimed by someone else, or stale (If-Match) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listUsers: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Users */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            users: components['schemas']['User'][];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission users.manage (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createUser: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          displayName: string;
          orgCode: string;
          password: string;
          username: string;
        };
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission users.manage (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Username taken */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Password policy or unknown org unit */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description User */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission users.manage (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  grantRole: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          orgCode: string;
          role: string;
        };
      };
    };
    responses: {
      /** @description Granted */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Grant'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission users.manage (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  revokeRole: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        grantId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission users.manage (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  unlockUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Unlocked */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission users.manage (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  countWorkflowInstances: {
    parameters: {
      query?: {
        release?: string;
      };
      header?: never;
      path: {
        key: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Counts by release (releases without open instances left out) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkflowInstanceCounts'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission workflows.edit (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  startWorkflow: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          businessKey?: string;
          orgCode?: string;
          /** Format: uuid */
          subjectId?: string;
          variables?: {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description An instance with this business key already exists */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkflowInstance'];
        };
      };
      /** @description Started */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkflowInstance'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission tasks.work (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such workflow, resident or org in your scope */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listWorkflowIncidents: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Incidents */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            incidents: components['schemas']['WorkflowIncident'][];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission workflows.edit (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  cancelWorkflowIncident: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The instance */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkflowInstance'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission workflows.edit (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such incident */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Already resolved */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  retryWorkflowIncident: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The instance */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkflowInstance'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission workflows.edit (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such incident */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Already resolved */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getWorkflowInstance: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The instance */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkflowInstance'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission tasks.work (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such instance in your scope */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  correlateWorkflowMessage: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          businessKey?: string;
          /** Format: uuid */
          instanceId?: string;
          message: string;
          variables?: {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description Instances moved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            instances: string[];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission tasks.work (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Neither business key nor instance given */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  migrateWorkflowInstances: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          batchSize?: number;
          definitionKey: string;
          fromReleaseId: string;
          mapping: {
            [key: string]: string;
          };
          toReleaseId: string;
        };
      };
    };
    responses: {
      /** @description Moved, and any that moved on to an unmapped element meanwhile */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            migrated: string[];
            skipped: {
              instanceId: string;
              problems: {
                [key: string]: unknown;
              }[];
            }[];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission workflows.edit (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Incomplete or invalid mapping */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listWorkflowServices: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Services by name */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            services: {
              /** @description What camunda:topic names, e.g. notify */
              name: string;
            }[];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission workflows.edit (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listWorkflowStartFailures: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Open start failures in your scope */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            failures: components['schemas']['WorkflowStartFailure'][];
          };
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission workflows.edit (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  cancelWorkflowStartFailure: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The instance started, or the cancelled record */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkflowInstance'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission workflows.edit (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such start failure in your scope */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Already resolved, or it still cannot start */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  retryWorkflowStartFailure: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The instance started, or the cancelled record */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkflowInstance'];
        };
      };
      /** @description Malformed JSON or a request that does not match the API */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Needs the permission workflows.edit (audited when refused) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No such start failure in your scope */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Already resolved, or it still cannot start */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getWorklist: {
    parameters: {
      query?: {
        group?: 'mine' | 'team' | 'institution' | 'region';
        limit?: number;
        offset?: number | null;
        org?: string;
        period?: 'month' | 'quarter' | 'year';
        /** @description A programme id: a national one or a province’s own (GET /api/programs) */
        program?: string;
        status?: string;
        village?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The page, the total and the counts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Worklist'];
        };
      };
      /** @description A query parameter is not valid (named in details) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not signed in, or the session has expired */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description out_of_scope: org is outside the caller’s scope */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Request body over the limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description unknown_org_unit: org names no org unit */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unexpected failure (the body carries the request id only) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
}
