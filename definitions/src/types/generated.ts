/* Generated from definitions/src/metaschemas by `npm run generate:types`. Do not edit. */

// form-definition
/**
 * A versioned form: the JSON Schema of its data, how it is shown and the rules over it.
 */
export interface FormDefinition {
  key: string;
  /**
   * Semantic version
   */
  version: string;
  title: LocalizedText;
  description?: LocalizedText;
  /**
   * JSON Schema 2020-12 of the data, with Formwork x- keywords
   */
  schema: {
    [k: string]: unknown | undefined;
  };
  /**
   * @rjsf/core UI schema
   */
  uiSchema?: {
    [k: string]: unknown | undefined;
  };
  /**
   * @maxItems 500
   */
  rules?: FormRule[];
}
/**
 * zh-CN text with its English beside it
 */
export interface LocalizedText {
  zh: string;
  en: string;
}
/**
 * A cross-field rule: where `when` holds (default: always), `assert` must hold, else the error is reported at `path`.
 */
export interface FormRule {
  id: string;
  /**
   * A JsonLogic rule (checked by checkRule: allowed operations only)
   */
  when?: unknown;
  /**
   * A JsonLogic rule (checked by checkRule: allowed operations only)
   */
  assert: unknown;
  /**
   * JSON pointer into the form data
   */
  path: string;
  message: LocalizedText;
}

// code-table
/**
 * A national or provincial code table: codes exactly as printed, labels in zh-CN and English.
 */
export interface CodeTable {
  id: string;
  /**
   * Semantic version
   */
  version: string;
  /**
   * zh-CN text with its English beside it
   */
  title: {
    zh: string;
    en: string;
  };
  /**
   * Standard it comes from, e.g. GB/T 2261.1, CV02.01.101
   */
  source?: string;
  /**
   * @minItems 1
   * @maxItems 5000
   */
  codes: [
    {
      code: string;
      /**
       * zh-CN text with its English beside it
       */
      label: {
        zh: string;
        en: string;
      };
      /**
       * Chosen alone (e.g. 无症状)
       */
      exclusive?: boolean;
      /**
       * Choosing it requires a free-text note (e.g. 其他)
       */
      requiresText?: boolean;
      deprecated?: boolean;
    },
    ...{
      code: string;
      /**
       * zh-CN text with its English beside it
       */
      label: {
        zh: string;
        en: string;
      };
      /**
       * Chosen alone (e.g. 无症状)
       */
      exclusive?: boolean;
      /**
       * Choosing it requires a free-text note (e.g. 其他)
       */
      requiresText?: boolean;
      deprecated?: boolean;
    }[],
  ];
}

// schedule
/**
 * When follow-ups fall due for a programme. Model 2 (`"model": 2`) declares record sets, anchors, windows, what satisfies an occurrence, ends and suggestions (definitions/README.md, Schedules); a schedule without `model` is the first model (3.0.0).
 */
export type Schedule = ScheduleV2 | ScheduleV1;
/**
 * A whole number, or the key of an integer parameter of the spec (a province may set it)
 */
export type ScheduleNumber =
  | number
  | {
      parameter: string;
    };
/**
 * true or false, or the key of a boolean parameter of the spec
 */
export type ScheduleFlag =
  | boolean
  | {
      parameter: string;
    };

/**
 * A schedule a due-list engine runs: computeDueItems(schedule, enrollment, records, parameters, clock).
 */
export interface ScheduleV2 {
  model: 2;
  id: string;
  title: ScheduleText;
  program: string;
  /**
   * The programme's visit form: its submissions belong to the programme's enrollment, and a due item opens it unless its occurrence names another form
   */
  form: string;
  /**
   * Named sets of the resident's records the schedule reads, each from one or more sources
   */
  records: {
    /**
     * @minItems 1
     * @maxItems 50
     */
    [k: string]: [ScheduleRecordSource, ...ScheduleRecordSource[]] | undefined;
  };
  /**
   * Named dates occurrences count from
   */
  anchors: {
    [k: string]: ScheduleAnchor | undefined;
  };
  /**
   * Thresholds, usually province parameters: due soon from dueSoonDays before the due date; overdue from overdueDays after the window closes (0: the day after)
   */
  reminders: {
    dueSoonDays: ScheduleNumber;
    overdueDays: ScheduleNumber;
  };
  /**
   * The string parameter holding the holiday table that occurrences with workingDays keep their dates off (e.g. a province's holidayCalendar: 'holidays: 2026-01-01..2026-01-03, …; workdays: 2026-01-04, …'); without it only weekends are skipped
   */
  calendar?: {
    parameter: string;
  };
  /**
   * Whether due dates skip weekends and holidays (default false): a window's end, a due date or an expiry on a day off moves to the next working day of the calendar. An occurrence may say otherwise
   */
  workingDays?:
    | boolean
    | {
        parameter: string;
      };
  /**
   * @minItems 1
   * @maxItems 100
   */
  occurrences: [ScheduleOccurrence, ...ScheduleOccurrence[]];
  /**
   * @maxItems 50
   */
  ends?: ScheduleEnd[];
  /**
   * @maxItems 50
   */
  suggestions?: ScheduleSuggestion[];
}
/**
 * zh-CN text with its English beside it
 */
export interface ScheduleText {
  zh: string;
  en: string;
}
/**
 * Where records come from: submissions of a form of the spec, facts the caller supplies under a name (e.g. a delivery, a health check), or the enrollment itself ({ enrolledOn, details })
 */
export interface ScheduleRecordSource {
  from: 'form' | 'fact' | 'enrollment';
  /**
   * The form key (from: form) or fact name (from: fact)
   */
  key?: string;
  /**
   * JsonLogic giving the record's date (YYYY-MM-DD) from its data; a record without one is left out
   */
  date: unknown;
  /**
   * JsonLogic: only records for which it holds belong to the set
   */
  where?: unknown;
}
/**
 * A date occurrences count from: the latest, earliest or preferred record of a set (optionally only those where a condition holds), or the first day of the current calendar year
 */
export interface ScheduleAnchor {
  kind: 'record' | 'year-start';
  /**
   * The record set (kind: record)
   */
  records?: string;
  /**
   * latest (default) or earliest record; preferred: the latest record of the first source, in the set's order, that has one
   */
  pick?: 'latest' | 'earliest' | 'preferred';
  /**
   * JsonLogic over the record: only records for which it holds can be the anchor
   */
  where?: unknown;
}
/**
 * One due item: a window from its anchor (both days included; due: the due date, default the window's end; expires: the last day a late record still satisfies it, after which an item not done is missed, default never), the records that satisfy it (dated from the window's start and after the anchor record; count: how many, default 1), and thresholds overriding the schedule's
 */
export interface ScheduleOccurrence {
  id: string;
  title: ScheduleText;
  /**
   * The form the due item opens (default: the schedule's form)
   */
  form?: string;
  /**
   * The anchor it counts from; no anchor date, no item
   */
  anchor: string;
  /**
   * JsonLogic over the anchor record's data (with anchor.date, enrollment and parameters): the occurrence applies only where it holds
   */
  when?: unknown;
  /**
   * When it may be done, both days included
   */
  window: {
    start: ScheduleOffset;
    end: ScheduleOffset;
  };
  due?: ScheduleOffset;
  expires?: ScheduleOffset;
  /**
   * Records of a set dated from the window's start (and after the anchor record), up to its expiry
   */
  satisfiedBy: {
    records: string;
    /**
     * JsonLogic over the record: only records for which it holds count
     */
    where?: unknown;
    count?: ScheduleNumber;
  };
  dueSoonDays?: ScheduleNumber;
  overdueDays?: ScheduleNumber;
  /**
   * Overrides the schedule's workingDays for this occurrence
   */
  workingDays?:
    | boolean
    | {
        parameter: string;
      };
}
/**
 * A distance from the anchor date: months first (clamped to the month's end), then weeks and days
 */
export interface ScheduleOffset {
  months?: ScheduleNumber;
  weeks?: ScheduleNumber;
  days?: ScheduleNumber;
}
/**
 * What ends the schedule, with its reason (an ended enrollment always does)
 */
export interface ScheduleEnd {
  id: string;
  reason: ScheduleText;
  records: string;
  /**
   * Test the latest record of the set (default), or every record
   */
  on?: 'latest' | 'any';
  /**
   * JsonLogic over the record: the schedule ends where it holds
   */
  when: unknown;
  /**
   * JsonLogic giving the end date from the record (default: the record's date)
   */
  date?: unknown;
}
/**
 * Advice from the latest records, e.g. refer after two consecutive uncontrolled visits, naming the workflow to start; startsAutomatically: whether it is started without asking (default false)
 */
export interface ScheduleSuggestion {
  id: string;
  title: ScheduleText;
  records: string;
  /**
   * How many of the latest records the condition sees, latest first, as recent.0, recent.1, ...
   */
  recent: number;
  /**
   * JsonLogic over { recent, enrollment, parameters }
   */
  when: unknown;
  /**
   * The workflow the suggestion starts
   */
  workflow: string;
  startsAutomatically?: ScheduleFlag;
  /**
   * An anchor: the suggestion is withdrawn once it falls on or after the latest of the recent records
   */
  resolvedBy?: string;
}
/**
 * The first schedule model, as national-phs 3.0.0 published it: one anchor per schedule, occurrences as day offsets. Kept readable (diff impact, programmes); computeDueItems runs model 2 only.
 */
export interface ScheduleV1 {
  id: string;
  /**
   * zh-CN text with its English beside it
   */
  title: {
    zh: string;
    en: string;
  };
  program: string;
  form: string;
  anchor: 'enrollment' | 'last-visit' | 'lmp' | 'delivery' | 'discharge' | 'referral-return';
  minPerYear?: number;
  /**
   * @minItems 1
   * @maxItems 100
   */
  occurrences: [
    {
      id: string;
      /**
       * zh-CN text with its English beside it
       */
      title: {
        zh: string;
        en: string;
      };
      offsetDays?: number;
      /**
       * JsonLogic giving the due date from the data; overrides offsetDays
       */
      offset?: unknown;
      windowBeforeDays?: number;
      windowAfterDays?: number;
      repeatEveryDays?: number;
      /**
       * A JsonLogic rule (checked by checkRule: allowed operations only)
       */
      when?: unknown;
    },
    ...{
      id: string;
      /**
       * zh-CN text with its English beside it
       */
      title: {
        zh: string;
        en: string;
      };
      offsetDays?: number;
      /**
       * JsonLogic giving the due date from the data; overrides offsetDays
       */
      offset?: unknown;
      windowBeforeDays?: number;
      windowAfterDays?: number;
      repeatEveryDays?: number;
      /**
       * A JsonLogic rule (checked by checkRule: allowed operations only)
       */
      when?: unknown;
    }[],
  ];
}

// trigger
/**
 * A workflow a stored submission starts: when a submission of `form` is created and `condition` (JsonLogic over its data) holds, `workflow` starts at its message start event `message`, with `variables` (each JsonLogic over the data).
 */
export interface Trigger {
  id: string;
  /**
   * zh-CN text with its English beside it
   */
  title: {
    zh: string;
    en: string;
  };
  /**
   * The form whose stored submissions may start the workflow
   */
  form: string;
  /**
   * A JsonLogic rule over the submission's data (checked by checkRule); the workflow starts when it is true
   */
  condition: unknown;
  /**
   * Key of the workflow to start
   */
  workflow: string;
  /**
   * Name of the message of the workflow's message start event
   */
  message: string;
  /**
   * Variables the instance starts with: name → JsonLogic over the submission's data
   */
  variables?: {
    /**
     * A JsonLogic rule (checked by checkRule: allowed operations only)
     */
    [k: string]: unknown | undefined;
  };
}

// indicator
/**
 * An indicator: a FactIndicator (population, facts, numerator condition: what new indicators are) or a FilterIndicator (the form national-phs 3.0.0 published).
 */
export type Indicator = FactIndicator | FilterIndicator;

/**
 * An indicator a reporting engine can compile: the population it counts (the denominator), the facts it draws from each member's submissions, and the numerator condition over those facts. evaluateIndicator (definitions/src/indicators) is the reference semantics; the reporting plugin's SQL must give the same numbers.
 */
export interface FactIndicator {
  id: string;
  /**
   * zh-CN text with its English beside it
   */
  title: {
    zh: string;
    en: string;
  };
  /**
   * zh-CN text with its English beside it
   */
  description?: {
    zh: string;
    en: string;
  };
  /**
   * The reporting period the indicator is published for (the evaluation gets its first and last day)
   */
  period: 'month' | 'quarter' | 'year';
  unit?: 'percent' | 'count' | 'ratio';
  denominator: Population;
  /**
   * Facts drawn from each member's submissions, by name; the numerator reads them as facts.<name>
   */
  facts: {
    [k: string]: Fact | undefined;
  };
  numerator: Numerator;
  groupBy?: ('region' | 'institution' | 'team' | 'period')[];
  /**
   * Items: WS 363 data-element id
   */
  dataElements?: string[];
  /**
   * Parameter keys the facts and the numerator read, each of the spec's parameter set
   */
  parameters?: string[];
}
/**
 * Who is counted in the denominator. of=subjects: each resident with an enrollment in the program active on a day of the period (enrolled on or before its last day, not ended before its first); the facts read all the resident's submissions. of=enrollments: each enrollment of the program, placed in the period by placedBy when given (else active in the period); the facts read the submissions recorded under that enrollment. A member weighs 1, or its weight field; a member of weight 0 is not counted at all.
 */
export interface Population {
  of: 'subjects' | 'enrollments';
  /**
   * The enrollment program, as enrollments record it (hypertension, diabetes, pregnancy)
   */
  program: string;
  placedBy?: FactField;
  /**
   * What one member counts for in the denominator (e.g. the live births of a delivery: twins count twice): a non-negative integer field of a first/latest fact; whenMissing when the fact or the field is missing or not such an integer
   */
  weight?: {
    fact: string;
    field: string;
    whenMissing: number;
  };
  /**
   * zh-CN text with its English beside it
   */
  description: {
    zh: string;
    en: string;
  };
}
/**
 * The date that places an enrollment in the period (e.g. the delivery date): a field of a first/latest fact that is not limited to the period
 */
export interface FactField {
  fact: string;
  field: string;
}
/**
 * An aggregation over one member's records of the forms: first/latest is the record (its data) with the earliest/latest date, or null when none; count is how many there are (0 when none). Only records whose date field is a calendar date count, within the period when inPeriod, and where holds.
 */
export interface Fact {
  aggregate: 'first' | 'latest' | 'count';
  /**
   * @minItems 1
   */
  forms: [string, ...string[]];
  /**
   * The record's date field (top level, YYYY-MM-DD): orders the records and places them in the period
   */
  date: string;
  /**
   * Only records dated within the period (true) or all the member's records (false)
   */
  inPeriod: boolean;
  /**
   * A JsonLogic rule over { record: the record's data, parameters } (checked by checkRule: allowed operations only); missing is never met
   */
  where?: unknown;
  /**
   * zh-CN text with its English beside it
   */
  description: {
    zh: string;
    en: string;
  };
}
/**
 * The members the numerator counts (each once, whatever its weight: the printed rates count people over patients or over live births)
 */
export interface Numerator {
  /**
   * A JsonLogic rule over { facts, subject: { birthDate, sex }, period: { start, end }, parameters } (checked by checkRule); missing is never met
   */
  where: unknown;
  /**
   * zh-CN text with its English beside it
   */
  description: {
    zh: string;
    en: string;
  };
}
/**
 * An indicator as national-phs 3.0.0 declared it: numerator and denominator each a count with a JsonLogic filter over aggregates its description names in prose (`latest`, `visitCount`, `liveBirths`). Kept so published versions stay valid; nothing evaluates it. New indicators are FactIndicators.
 */
export interface FilterIndicator {
  id: string;
  /**
   * zh-CN text with its English beside it
   */
  title: {
    zh: string;
    en: string;
  };
  /**
   * zh-CN text with its English beside it
   */
  description?: {
    zh: string;
    en: string;
  };
  period: 'month' | 'quarter' | 'year';
  unit?: 'percent' | 'count' | 'ratio';
  numerator: Count;
  denominator: Count;
  groupBy?: ('region' | 'institution' | 'team' | 'period')[];
  /**
   * Items: WS 363 data-element id
   */
  dataElements?: string[];
  /**
   * Parameter keys the filters read
   */
  parameters?: string[];
}
export interface Count {
  count: 'subjects' | 'submissions' | 'enrollments';
  forms?: string[];
  program?: string;
  /**
   * A JsonLogic rule (checked by checkRule: allowed operations only)
   */
  filter: unknown;
  /**
   * zh-CN text with its English beside it
   */
  description?: {
    zh: string;
    en: string;
  };
}

// program
/**
 * A programme residents are enrolled in (a province's own, added by overlay): its forms' submissions are recorded under the enrollment, its schedules say what falls due.
 */
export interface ProgramDefinition {
  /**
   * As enrollments record it, and as schedules and indicators name it
   */
  id: string;
  /**
   * zh-CN text with its English beside it
   */
  title: {
    zh: string;
    en: string;
  };
  /**
   * Keys of the forms whose submissions belong to the resident's enrollment in it
   *
   * @minItems 1
   * @maxItems 100
   */
  forms: [string, ...string[]];
}

// parameter-set
/**
 * Named parameters with national defaults that provinces may change.
 */
export interface ParameterSet {
  id: string;
  /**
   * Semantic version
   */
  version: string;
  parameters: {
    key: string;
    /**
     * zh-CN text with its English beside it
     */
    title: {
      zh: string;
      en: string;
    };
    type: 'number' | 'integer' | 'string' | 'boolean';
    value: number | string | boolean;
    unit?: string;
    minimum?: number;
    maximum?: number;
    /**
     * Provinces may set it (default true)
     */
    overridable?: boolean;
  }[];
}

// overlay
export type Operation =
  | {
      op: 'add-field';
      form: string;
      /**
       * JSON pointer into the form data
       */
      path: string;
      field: {
        name: string;
        schema: {
          [k: string]: unknown | undefined;
        };
        ui?: {
          [k: string]: unknown | undefined;
        };
        after?: string;
        required?: boolean;
      };
    }
  | {
      op: 'tighten-range';
      form: string;
      /**
       * JSON pointer into the form data
       */
      path: string;
      minimum?: number;
      maximum?: number;
      minLength?: number;
      maxLength?: number;
    }
  | {
      op: 'add-options';
      form?: string;
      codeTable: string;
      /**
       * @minItems 1
       */
      codes: [
        {
          code: string;
          /**
           * zh-CN text with its English beside it
           */
          label: {
            zh: string;
            en: string;
          };
          [k: string]: unknown | undefined;
        },
        ...{
          code: string;
          /**
           * zh-CN text with its English beside it
           */
          label: {
            zh: string;
            en: string;
          };
          [k: string]: unknown | undefined;
        }[],
      ];
    }
  | {
      op: 'hide-field';
      form: string;
      /**
       * JSON pointer into the form data
       */
      path: string;
    }
  | {
      op: 'relabel';
      form: string;
      /**
       * JSON pointer into the form data
       */
      path: string;
      /**
       * zh-CN text with its English beside it
       */
      label: {
        zh: string;
        en: string;
      };
    }
  | {
      op: 'make-required';
      form: string;
      /**
       * JSON pointer into the form data
       */
      path: string;
    }
  | {
      op: 'add-rule';
      form: string;
      rule: {
        [k: string]: unknown | undefined;
      };
    }
  | {
      op: 'set-form-signable';
      form: string;
      signable: boolean;
    }
  | {
      op: 'set-parameter';
      form?: string;
      key: string;
      value: number | string | boolean;
    }
  | {
      op: 'add-form';
      form?: string;
      definition: {
        [k: string]: unknown | undefined;
      };
    }
  | {
      op: 'add-workflow';
      form?: string;
      workflow: string;
      bpmn: string;
    }
  | {
      op: 'replace-workflow';
      form?: string;
      workflow: string;
      bpmn: string;
    }
  | {
      op: 'add-trigger';
      /**
       * A trigger (meta-schema trigger): one the spec does not have yet
       */
      trigger: {
        [k: string]: unknown | undefined;
      };
    }
  | {
      op: 'replace-trigger';
      /**
       * A trigger (meta-schema trigger): replaces the spec's trigger of the same id
       */
      trigger: {
        [k: string]: unknown | undefined;
      };
    }
  | {
      op: 'add-code-table';
      /**
       * A code table (meta-schema code-table) of an id the spec does not have
       */
      codeTable: {
        [k: string]: unknown | undefined;
      };
    }
  | {
      op: 'add-program';
      /**
       * A programme (meta-schema program) of an id the spec does not have; its forms must exist
       */
      program: {
        [k: string]: unknown | undefined;
      };
    }
  | {
      op: 'add-schedule';
      /**
       * A schedule (meta-schema schedule, model 2) of an id the spec does not have, for a programme of the spec
       */
      schedule: {
        [k: string]: unknown | undefined;
      };
    }
  | {
      op: 'add-indicator';
      /**
       * An indicator (meta-schema indicator) of an id the spec does not have, over a programme of the spec
       */
      indicator: {
        [k: string]: unknown | undefined;
      };
    };

/**
 * A jurisdiction's typed changes to one version of the national base.
 */
export interface Overlay {
  key: string;
  /**
   * Semantic version
   */
  version: string;
  /**
   * zh-CN text with its English beside it
   */
  title?: {
    zh: string;
    en: string;
  };
  base: {
    spec: string;
    /**
     * Semantic version
     */
    version: string;
  };
  jurisdiction: {
    /**
     * GB/T 2260 administrative division code
     */
    code: string;
    /**
     * zh-CN text with its English beside it
     */
    name: {
      zh: string;
      en: string;
    };
  };
  /**
   * @maxItems 2000
   */
  operations: Operation[];
}

// release-manifest
/**
 * A published, immutable release: base + overlay compiled for a jurisdiction, with content hashes and a signature.
 */
export interface ReleaseManifest {
  release: {
    key: string;
    /**
     * Semantic version
     */
    version: string;
  };
  base: {
    spec: string;
    /**
     * Semantic version
     */
    version: string;
  };
  overlay?: {
    key: string;
    /**
     * Semantic version
     */
    version: string;
  };
  jurisdiction: {
    /**
     * GB/T 2260 administrative division code
     */
    code: string;
    /**
     * zh-CN text with its English beside it
     */
    name: {
      zh: string;
      en: string;
    };
  };
  publishedAt: string;
  publishedBy: string;
  contents: {
    kind: 'form' | 'code-table' | 'schedule' | 'indicator' | 'parameter-set' | 'workflow';
    key: string;
    /**
     * Semantic version
     */
    version: string;
    sha256: string;
  }[];
  contentHash: string;
  signature?: {
    algorithm: 'SM2-SM3';
    signer: string;
    value: string;
    certificate?: string;
  };
}

// plugin-manifest
/**
 * What a plugin declares about itself to the engine.
 */
export interface PluginManifest {
  name: string;
  slug: string;
  /**
   * Semantic version
   */
  version: string;
  /**
   * zh-CN text with its English beside it
   */
  title: {
    zh: string;
    en: string;
  };
  /**
   * zh-CN text with its English beside it
   */
  description: {
    zh: string;
    en: string;
  };
  apiVersion: number;
}

// migration-plan
export type MigrationStep =
  | {
      op: 'rename';
      /**
       * JSON pointer into the form data
       */
      from: string;
      /**
       * JSON pointer into the form data
       */
      to: string;
    }
  | {
      op: 'recode';
      /**
       * JSON pointer into the form data
       */
      path: string;
      map: {
        [k: string]: string | undefined;
      };
    }
  | {
      op: 'convert-unit';
      /**
       * JSON pointer into the form data
       */
      path: string;
      fromUnit?: string;
      toUnit?: string;
      factor?: number;
      offset?: number;
      decimals?: number;
    }
  | {
      op: 'set-default';
      /**
       * JSON pointer into the form data
       */
      path: string;
      /**
       * Any JSON value
       */
      value?: unknown;
    }
  | {
      op: 'drop';
      /**
       * JSON pointer into the form data
       */
      path: string;
    }
  | {
      op: 'transform';
      /**
       * JSON pointer into the form data
       */
      path: string;
      /**
       * A JsonLogic rule (checked by checkRule: allowed operations only)
       */
      rule: unknown;
    };

/**
 * How stored submissions of one form version become data of another: typed steps, and the decisions a configurator still has to make.
 */
export interface MigrationPlan {
  form: string;
  /**
   * Semantic version
   */
  fromVersion: string;
  /**
   * Semantic version
   */
  toVersion: string;
  /**
   * Applied in order to a copy of each stored payload
   *
   * @maxItems 2000
   */
  steps: MigrationStep[];
  /**
   * What a configurator must (required) or may decide before the plan runs
   *
   * @maxItems 2000
   */
  decisions: MigrationDecision[];
}
export interface MigrationDecision {
  id: string;
  code: 'default-value' | 'recode-table' | 'unit-conversion' | 'rename-or-drop' | 'transform';
  /**
   * JSON pointer into the form data
   */
  path: string;
  /**
   * The plan is not complete until it is answered
   */
  required: boolean;
  /**
   * zh-CN text with its English beside it
   */
  message: {
    zh: string;
    en: string;
  };
  /**
   * What the answer may pick from: codes still offered, fields that could be the new name
   */
  choices?: string[];
}
