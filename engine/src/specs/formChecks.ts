/**
 * Every form of a spec compiled exactly as the runtime will compile it: the same FormCompiler
 * with the same limits, fed the spec's own code tables (for an overlay: the effective spec, base
 * with the overlay applied). A version is drafted, edited, submitted and published, and a release
 * compiled, only when every form compiles; what does not is named form by form with the JSON
 * pointer of the problem, its code and a zh/en message.
 */
import {
  FormCompiler,
  FormDefinitionError,
  type BaseSpec,
  type CompiledForm,
  type LocalizedMessage,
} from '@formwork/definitions';
import { HttpError } from '../http/HttpError.js';

/** One reason a form does not compile. */
export interface FormProblem {
  /** The form's key in the spec. */
  form: string;
  /** JSON pointer into the (effective) spec content: `/forms/<form><formPath>`. */
  path: string;
  /** JSON pointer inside the form definition, e.g. `/schema/properties/sbp/pattern`. */
  formPath: string;
  code: string;
  message: LocalizedMessage;
}

/** How many problems an error's message names (its details list up to MAX_LISTED). */
const NAMED_IN_MESSAGE = 3;
const MAX_LISTED = 100;

const pointerSegment = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The compiler a release's forms are served with: default limits, the release's code tables.
 * One per release (code tables differ between jurisdictions); the catalog and every check use it.
 */
export function formCompilerFor(codeTables: BaseSpec['codeTables'] | undefined): FormCompiler {
  return new FormCompiler({ codeTables: codeTables ?? {} });
}

/** Compiles one form of a spec; what is wrong with it when it does not compile. */
export function compileFormOf(
  compiler: FormCompiler,
  key: string,
  definition: unknown,
):
  | { compiled: CompiledForm; problems?: undefined }
  | { compiled?: undefined; problems: FormProblem[] } {
  const at = (formPath: string) => ({
    form: key,
    path: `/forms/${pointerSegment(key)}${formPath}`,
    formPath,
  });
  try {
    return { compiled: compiler.compile(definition as { key: string; version: string }) };
  } catch (err) {
    if (err instanceof FormDefinitionError) {
      return {
        problems: err.problems.map((p) => ({ ...at(p.path), code: p.code, message: p.message })),
      };
    }
    // Anything else the compiler throws on a hostile definition is still this form's problem.
    const reason = err instanceof Error ? err.message.slice(0, 300) : String(err).slice(0, 300);
    return {
      problems: [
        {
          ...at(''),
          code: 'compile-failed',
          message: { zh: `表单无法编译：${reason}`, en: `the form cannot be compiled: ${reason}` },
        },
      ],
    };
  }
}

/**
 * Every form of the spec compiled with one compiler (by default a fresh one over the spec's code
 * tables); `only` skips the forms it rejects (e.g. those already failing their meta-schema).
 */
export function compileForms(
  spec: Pick<BaseSpec, 'forms' | 'codeTables'>,
  options: { compiler?: FormCompiler; only?: (key: string) => boolean } = {},
): { compiled: Map<string, CompiledForm>; problems: FormProblem[] } {
  const compiler = options.compiler ?? formCompilerFor(spec.codeTables);
  const compiled = new Map<string, CompiledForm>();
  const problems: FormProblem[] = [];
  for (const [key, definition] of Object.entries(spec.forms ?? {})) {
    if (options.only && !options.only(key)) continue;
    const result = compileFormOf(compiler, key, definition);
    if (result.compiled) compiled.set(key, result.compiled);
    else problems.push(...result.problems);
  }
  return { compiled, problems };
}

/** The first problems as text, `form /path: message`, in Chinese and in English. */
export function describeProblems(problems: readonly FormProblem[]): { zh: string; en: string } {
  const named = problems.slice(0, NAMED_IN_MESSAGE);
  const more = problems.length - named.length;
  return {
    zh:
      named.map((p) => `${p.form} ${p.formPath || '/'}：${p.message.zh}`).join('；') +
      (more > 0 ? `；另有 ${more} 处` : ''),
    en:
      named.map((p) => `${p.form} ${p.formPath || '/'}: ${p.message.en}`).join('; ') +
      (more > 0 ? `; and ${more} more` : ''),
  };
}

/**
 * 422: forms of what is being stored, published or released (`what`, e.g. `fujian@1.2.0`) do not
 * compile. Details: `{ problems: FormProblem[] }`.
 */
export function formsInvalid(problems: readonly FormProblem[], what: string): HttpError {
  const text = describeProblems(problems);
  return new HttpError(
    422,
    'form_invalid',
    `${what} 中的表单无法编译：${text.zh} / Forms of ${what} do not compile: ${text.en}`,
    { problems: problems.slice(0, MAX_LISTED) },
  );
}

/**
 * 409: a form of a stored release does not compile (stored before releases were checked), so it
 * cannot be served; the problems say why. Details: `{ release, problems: FormProblem[] }`.
 */
export function formBroken(releaseId: string, problems: readonly FormProblem[]): HttpError {
  const text = describeProblems(problems);
  const form = problems[0]?.form ?? '';
  return new HttpError(
    409,
    'form_broken',
    `发布版本 ${releaseId} 中的表单 ${form} 无法编译，不能使用：${text.zh} / Form ${form} of release ${releaseId} does not compile and cannot be used: ${text.en}`,
    { release: releaseId, problems: problems.slice(0, MAX_LISTED) },
  );
}
