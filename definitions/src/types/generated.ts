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
 * When follow-ups fall due for a program, relative to an anchor event.
 */
export interface Schedule {
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

// indicator
/**
 * A declarative indicator: numerator and denominator counted over data elements.
 */
export interface Indicator {
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
