import type { CompiledForm, FormCompiler, FormDefinition } from '@formwork/definitions';
import { compileFormOf, formBroken, formCompilerFor, type FormProblem } from './formChecks.js';
import type { Release } from './Release.js';

export interface ReleasedForm {
  release: Release;
  definition: FormDefinition;
  compiled: CompiledForm;
}

/**
 * The releases this engine serves and the compiled forms in them. A release never changes, so
 * each form is compiled once per release and process (one FormCompiler per release, because
 * code tables differ between jurisdictions), and so is the verdict on a form that does not
 * compile (a release stored before releases were checked): asking for it is a 409 `form_broken`
 * naming the problems, never a 500.
 */
export class ReleaseCatalog {
  readonly #byId = new Map<string, Release>();
  /** The release each jurisdiction captures new records on. */
  readonly #current = new Map<string, Release>();
  readonly #compilers = new Map<string, FormCompiler>();
  readonly #forms = new Map<string, ReleasedForm>();
  /** Forms that do not compile, by `release/form`, with their problems. */
  readonly #broken = new Map<string, FormProblem[]>();
  /** Every form of a release compiled (verify): the problems, empty when all compile. */
  readonly #verified = new Map<string, FormProblem[]>();

  /**
   * Every release stays readable (records pinned to it); `current` names, per jurisdiction, the
   * release new records are captured on (by default the last one given for that jurisdiction).
   */
  constructor(releases: Iterable<Release>, current: Readonly<Record<string, string>> = {}) {
    this.replace(releases, current);
  }

  /**
   * Swaps in a new set of releases and current ones (after a release is published). Compiled
   * forms stay cached: a release id always names the same content.
   */
  replace(releases: Iterable<Release>, current: Readonly<Record<string, string>> = {}): void {
    const byId = new Map<string, Release>();
    const currentOf = new Map<string, Release>();
    for (const release of releases) {
      byId.set(release.id, release);
      if (!(release.jurisdiction in current)) currentOf.set(release.jurisdiction, release);
    }
    for (const [jurisdiction, id] of Object.entries(current)) {
      const release = byId.get(id);
      if (!release)
        throw new Error(`current release ${id} of ${jurisdiction} is not in the catalog`);
      currentOf.set(jurisdiction, release);
    }
    this.#byId.clear();
    for (const [id, release] of byId) this.#byId.set(id, release);
    this.#current.clear();
    for (const [jurisdiction, release] of currentOf) this.#current.set(jurisdiction, release);
  }

  get releases(): Release[] {
    return [...this.#byId.values()];
  }

  get(id: string): Release | undefined {
    return this.#byId.get(id);
  }

  /**
   * The current release for records kept at an org unit: the one whose jurisdiction is the
   * deepest segment of the org path (a province's release inside that province, else the
   * national one).
   */
  forOrgPath(orgPath: string): Release {
    const segments = orgPath.split('/').filter(Boolean);
    let best: Release | undefined;
    let depth = -1;
    for (const release of this.#current.values()) {
      const at = segments.indexOf(release.jurisdiction);
      if (at > depth) {
        best = release;
        depth = at;
      }
    }
    if (!best) throw new Error(`no release serves ${orgPath}`);
    return best;
  }

  /** The release new records of a jurisdiction are captured on, when there is one. */
  currentOf(jurisdiction: string): Release | undefined {
    return this.#current.get(jurisdiction);
  }

  /**
   * A form of a release, compiled (once); undefined when the release has no such form. A form
   * that does not compile throws a 409 `form_broken` with its problems.
   */
  form(release: Release, formKey: string): ReleasedForm | undefined {
    const cacheKey = `${release.id}/${formKey}`;
    const cached = this.#forms.get(cacheKey);
    if (cached) return cached;
    const broken = this.#broken.get(cacheKey);
    if (broken) throw formBroken(release.id, broken);
    if (!Object.hasOwn(release.spec.forms, formKey)) return undefined;
    const definition = release.spec.forms[formKey]!;
    const result = compileFormOf(this.#compilerOf(release), formKey, definition);
    if (!result.compiled) {
      this.#broken.set(cacheKey, result.problems);
      throw formBroken(release.id, result.problems);
    }
    const form = { release, definition, compiled: result.compiled };
    this.#forms.set(cacheKey, form);
    return form;
  }

  /**
   * Compiles every form of a release (once per release and process) and keeps those that compile
   * for serving: the problems of the forms that do not, empty when the whole release compiles.
   */
  verify(release: Release): FormProblem[] {
    const known = this.#verified.get(release.id);
    if (known) return known;
    const problems: FormProblem[] = [];
    for (const formKey of Object.keys(release.spec.forms)) {
      try {
        this.form(release, formKey);
      } catch (err) {
        const broken = this.#broken.get(`${release.id}/${formKey}`);
        if (!broken) throw err;
        problems.push(...broken);
      }
    }
    this.#verified.set(release.id, problems);
    return problems;
  }

  /** What verify found wrong with a release; undefined when it has not been verified. */
  problemsOf(releaseId: string): readonly FormProblem[] | undefined {
    return this.#verified.get(releaseId);
  }

  #compilerOf(release: Release): FormCompiler {
    let compiler = this.#compilers.get(release.id);
    if (!compiler) {
      compiler = formCompilerFor(release.spec.codeTables);
      this.#compilers.set(release.id, compiler);
    }
    return compiler;
  }
}
