import type { LocalizedText } from '@formwork/definitions';

/** Which rule of a form: a field's visibility or calculation, or a cross-field rule's part. */
export type RuleRef =
  | { kind: 'visible'; field: string }
  | { kind: 'calculated'; field: string }
  | { kind: 'rule'; id: string; part: 'when' | 'assert' | 'path' | 'rule' };

/**
 * A problem the designer shows: where (a JSON pointer into what was checked), a code, zh/en
 * text, and — when known — the field and the rule it concerns, so the UI can show it there.
 */
export interface DesignProblem {
  /** JSON pointer into the form definition (or into the JSON text edited, for a JSON edit). */
  path: string;
  code: string;
  severity: 'error' | 'warning';
  message: LocalizedText;
  /** The field (its data pointer, e.g. `/referral/reason`) the problem belongs to. */
  field?: string;
  rule?: RuleRef;
}

/** Why a command refused: the domain's kind, never a transport status (STYLE #7). */
export type DesignErrorKind = 'not_found' | 'forbidden' | 'invalid' | 'conflict';

/** A command that cannot apply throws this; the document it was given is unchanged. */
export class DesignError extends Error {
  override name = 'DesignError';
  constructor(
    readonly kind: DesignErrorKind,
    readonly problems: readonly DesignProblem[],
  ) {
    super(problems.map((p) => `${p.path || '/'}: ${p.message.zh} / ${p.message.en}`).join('; '));
  }

  get code(): string {
    return this.problems[0]?.code ?? 'invalid';
  }
}

/** One error problem. */
export const problem = (
  code: string,
  path: string,
  zh: string,
  en: string,
  extra: Partial<DesignProblem> = {},
): DesignProblem => ({ path, code, severity: 'error', message: { zh, en }, ...extra });

export const fail = (kind: DesignErrorKind, ...problems: DesignProblem[]): never => {
  throw new DesignError(kind, problems);
};
