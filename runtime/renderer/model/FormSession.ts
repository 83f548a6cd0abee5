import {
  evaluateRule,
  isTruthy,
  type FieldInfo,
  type FormError,
  type LocalizedMessage,
  type ProcessResult,
  type RuleClock,
} from '@formwork/definitions';
import type { FormworkValidator } from '../validator/formworkValidator.js';
import { getAt, pointerSegments, withValueAt } from './pointer.js';

type Data = Record<string, unknown>;

/**
 * What a release says happens when a record of this form is stored: the engine's triggers
 * (`GET /api/forms/:key` gives those of the form). While one's condition holds on the data as
 * it would be stored, the renderer shows its title as a banner (the urgent referral at 185/112).
 */
export interface FormTrigger {
  id: string;
  title: LocalizedMessage;
  condition: unknown;
}

export interface SessionSnapshot {
  /** What the user entered, with the calculated fields as `process` computes them. */
  readonly data: Data;
  readonly result: ProcessResult;
  readonly hidden: ReadonlySet<string>;
  /** The errors to show beside fields: those of fields the user has left, or all after submit. */
  readonly shownErrors: ReadonlyMap<string, readonly FormError[]>;
  /** Every error, in the order of the form (for the summary after a submit). */
  readonly errors: readonly FormError[];
  readonly submitted: boolean;
  /** Triggers whose condition holds on the data as it would be stored. */
  readonly banners: readonly FormTrigger[];
}

/**
 * The state of one form being filled, outside any component (STYLE #15): the data, what the
 * compiled form makes of it (`process`: calculated values, hidden fields, errors), which fields
 * the user has left, whether a submit was tried, and the banners of the release's triggers. Vue
 * and React only draw it. Pure: no DOM, no I/O.
 */
export class FormSession {
  readonly fields: ReadonlyMap<string, FieldInfo>;
  readonly #calculated: readonly string[];
  readonly #listeners = new Set<(snapshot: SessionSnapshot) => void>();
  readonly #exclusive = new Map<string, ReadonlySet<string>>();
  #touched = new Set<string>();
  #submitted = false;
  #snapshot!: SessionSnapshot;

  constructor(
    readonly validator: FormworkValidator,
    private readonly options: { triggers?: readonly FormTrigger[]; clock?: RuleClock } = {},
    data: Data = {},
  ) {
    this.fields = new Map(validator.form.fields.map((f) => [f.path, f]));
    this.#calculated = validator.form.fields.filter((f) => f.calculated).map((f) => f.path);
    this.#snapshot = this.#compute(data);
  }

  get snapshot(): SessionSnapshot {
    return this.#snapshot;
  }

  subscribe(listener: (snapshot: SessionSnapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** New data from the user (or the host): recomputed, and every listener told. */
  setData(data: Data): SessionSnapshot {
    this.#snapshot = this.#compute(data);
    this.#emit();
    return this.#snapshot;
  }

  /** The user left a field: its errors (and those inside it) are shown from now on. */
  touch(path: string): void {
    if (this.#touched.has(path)) return;
    this.#touched.add(path);
    this.#snapshot = this.#compute(this.#snapshot.data);
    this.#emit();
  }

  /** A submit: every error is shown from now on; the data as it would be stored when valid. */
  submit(): { ok: true; data: Data } | { ok: false; errors: readonly FormError[] } {
    this.#submitted = true;
    this.#snapshot = this.#compute(this.#snapshot.data);
    this.#emit();
    const { result } = this.#snapshot;
    return result.valid ? { ok: true, data: result.data } : { ok: false, errors: result.errors };
  }

  /**
   * The options of a multi-select that stand alone (无症状): the form says so with a rule, so an
   * option is exclusive when choosing it with any other fails a rule of the form at that field
   * and choosing it alone does not. Asked of the compiled form itself, once per field.
   */
  exclusiveOptions(path: string, options: readonly string[]): ReadonlySet<string> {
    const known = this.#exclusive.get(path);
    if (known) return known;
    const ruleErrorsAt = (value: string[]) =>
      this.validator
        .process(withValueAt({}, path, value))
        .errors.some((e) => e.path === path && e.keyword.startsWith('x-rule:'));
    // Exclusive: fine alone, refused with each other option (头痛 is refused with 无症状 too,
    // but not with 头晕: it does not stand alone).
    const exclusive = new Set(
      options.filter((option) => {
        const others = options.filter((o) => o !== option);
        return (
          others.length > 0 &&
          !ruleErrorsAt([option]) &&
          others.every((other) => ruleErrorsAt([option, other]))
        );
      }),
    );
    this.#exclusive.set(path, exclusive);
    return exclusive;
  }

  #compute(input: Data): SessionSnapshot {
    const result = this.validator.process(input);
    let data = input;
    for (const path of this.#calculated) {
      const value = getAt(result.data, path);
      if (value !== getAt(data, path)) data = withValueAt(data, path, value);
    }
    const hidden = new Set(result.hidden);
    const order = [...this.fields.keys()];
    const rank = (path: string) => {
      const at = order.findIndex((p) => p === path || path.startsWith(`${p}/`));
      return at < 0 ? order.length : at;
    };
    const errors = [...result.errors].sort((a, b) => rank(a.path) - rank(b.path));
    const shown = new Map<string, FormError[]>();
    for (const error of errors) {
      if (!this.#submitted && !this.#isTouched(error.path)) continue;
      const list = shown.get(error.path) ?? [];
      list.push(error);
      shown.set(error.path, list);
    }
    const banners = (this.options.triggers ?? []).filter((trigger) => {
      try {
        return isTruthy(evaluateRule(trigger.condition, result.data, this.options.clock));
      } catch {
        // A condition that cannot be evaluated shows nothing here; the server's start fails loudly.
        return false;
      }
    });
    return {
      data,
      result,
      hidden,
      shownErrors: shown,
      errors,
      submitted: this.#submitted,
      banners,
    };
  }

  /** A field counts as left when it, or the object or row it belongs to, was left. */
  #isTouched(path: string): boolean {
    if (this.#touched.has(path)) return true;
    const segments = pointerSegments(path);
    for (let i = segments.length - 1; i > 0; i--) {
      if (this.#touched.has(`/${segments.slice(0, i).join('/')}`)) return true;
    }
    return false;
  }

  #emit() {
    for (const listener of this.#listeners) listener(this.#snapshot);
  }
}
