import { linearRegExp, UnsupportedPatternError } from '../validation/linearRegExp.js';
import {
  compiledSubschemas,
  findReferenceCycles,
  resolveReference,
  type ResolvedReference,
} from './referenceGraph.js';
import { quote, type SchemaProblem } from './schemaProblem.js';
import { isPlainObject, MAX_PROBLEMS, pointerOf, walkSchema } from './schemaWalk.js';

export type { SchemaProblem, SchemaProblemCode } from './schemaProblem.js';

/**
 * How big and how complex a schema from a user (a province's configurator, an import) may be
 * before Ajv is allowed to compile it. Compiling costs roughly 0.3–0.6 ms per subschema (measured
 * on Ajv 8 with our options) and runs on the event loop, so the limits bound the time one schema
 * can take as much as its size.
 */
export interface SchemaLimits {
  /** JSON size in UTF-8 bytes, as `JSON.stringify` would write it. */
  maxBytes: number;
  /** Nesting of subschemas and of values inside keywords (`const`, `enum`, `default`, …). */
  maxDepth: number;
  /** Property definitions in all `properties` keywords together. */
  maxProperties: number;
  /**
   * Subschemas Ajv compiles, counting one more copy of a referenced subschema for every `$ref`
   * to it when it holds no reference itself (Ajv copies those in place): a 40 KB schema with 400
   * references to a 1000-property definition otherwise compiles for minutes and exhausts the heap.
   */
  maxSubschemas: number;
  /** `enum` values in one `enum`. */
  maxEnumValues: number;
  /** `$ref`, `$dynamicRef` and `$recursiveRef` together. */
  maxRefs: number;
  /** Characters of one `pattern` or `patternProperties` key. */
  maxPatternLength: number;
  /**
   * RE2 instructions of one compiled pattern. Matching costs time in proportion to the length of
   * the string times this size, so `.{1,5000}` on a long string is slow even in linear time.
   */
  maxPatternProgramSize: number;
  /** RE2 instructions of all distinct patterns together (bounds the time spent compiling them). */
  maxTotalPatternProgramSize: number;
}

export const DEFAULT_SCHEMA_LIMITS: Readonly<SchemaLimits> = Object.freeze({
  maxBytes: 512 * 1024,
  maxDepth: 32,
  maxProperties: 2000,
  maxSubschemas: 5000,
  maxEnumValues: 5000,
  maxRefs: 1000,
  maxPatternLength: 512,
  maxPatternProgramSize: 2000,
  maxTotalPatternProgramSize: 50_000,
});

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'a non-plain object';
  return `a ${typeof value}`;
}

const STRUCTURAL = new Set<SchemaProblem['code']>([
  'not-json',
  'schema-too-large',
  'schema-too-deep',
]);

function problem(path: string, code: SchemaProblem['code'], zh: string, en: string): SchemaProblem {
  return { path, code, message: { zh, en } };
}

/** The reason RE2 gave, out of the message of linearRegExp's error. */
function patternReason(error: unknown, pattern: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const marker = ' is not supported: ';
  const start = message.indexOf(marker, Math.min(message.length, pattern.length));
  const end = message.lastIndexOf('. Backreferences');
  if (start < 0 || end <= start) return message.slice(0, 200);
  return message.slice(start + marker.length, end).slice(0, 200);
}

function checkPatterns(
  walk: ReturnType<typeof walkSchema>,
  limits: SchemaLimits,
  problems: SchemaProblem[],
): void {
  const seen = new Map<string, { error?: unknown; size: number }>();
  let total = 0;
  for (const site of walk.patterns) {
    if (problems.length >= MAX_PROBLEMS) return;
    const path = pointerOf(walk.nodes, site.node) + site.suffix;
    const { pattern } = site;
    if (pattern.length > limits.maxPatternLength) {
      problems.push(
        problem(
          path,
          'pattern-too-long',
          `正则表达式长 ${pattern.length} 个字符，超过上限 ${limits.maxPatternLength} 个`,
          `pattern of ${pattern.length} characters, longer than the limit of ${limits.maxPatternLength}`,
        ),
      );
      continue;
    }
    let compiled = seen.get(pattern);
    if (compiled === undefined) {
      if (total > limits.maxTotalPatternProgramSize) return; // reported below, once
      try {
        const regExp = linearRegExp(pattern) as { programSize?: () => number };
        const size = typeof regExp.programSize === 'function' ? regExp.programSize() : 0;
        compiled = { size };
      } catch (error) {
        compiled = { error, size: 0 };
      }
      seen.set(pattern, compiled);
      total += compiled.size;
      if (total > limits.maxTotalPatternProgramSize) {
        problems.push(
          problem(
            '',
            'pattern-too-complex',
            `全部正则表达式编译后超过 ${limits.maxTotalPatternProgramSize} 条 RE2 指令的上限`,
            `the patterns together compile to more than ${limits.maxTotalPatternProgramSize} RE2 instructions, the limit`,
          ),
        );
      }
    }
    if (compiled.error !== undefined) {
      const reason = patternReason(compiled.error, pattern);
      const known = compiled.error instanceof UnsupportedPatternError;
      problems.push(
        problem(
          path,
          'pattern-unsupported',
          `正则表达式 ${quote(pattern)} 不受支持：${reason}。正则在线性时间引擎（RE2）上运行，不允许反向引用和环视`,
          `pattern ${quote(pattern)} cannot run on the linear-time engine (RE2): ${reason}` +
            (known ? '. Backreferences and lookaround are not allowed' : ''),
        ),
      );
    } else if (compiled.size > limits.maxPatternProgramSize) {
      problems.push(
        problem(
          path,
          'pattern-too-complex',
          `正则表达式编译后有 ${compiled.size} 条 RE2 指令，超过上限 ${limits.maxPatternProgramSize} 条；长度限制请用 maxLength，不要用 {1,1000} 这样的大重复次数`,
          `pattern compiles to ${compiled.size} RE2 instructions, more than the limit of ${limits.maxPatternProgramSize}: limit lengths with maxLength, not with large repetitions such as {1,1000}`,
        ),
      );
    }
  }
}

function checkReferences(
  walk: ReturnType<typeof walkSchema>,
  limits: SchemaLimits,
  problems: SchemaProblem[],
): ResolvedReference[] {
  const resolved: ResolvedReference[] = [];
  if (walk.references.length > limits.maxRefs) {
    problems.push(
      problem(
        '',
        'too-many-refs',
        `引用（$ref 等）共 ${walk.references.length} 处，超过上限 ${limits.maxRefs} 处`,
        `${walk.references.length} references ($ref, $dynamicRef), more than the limit of ${limits.maxRefs}`,
      ),
    );
  }
  for (const site of walk.references) {
    const path = pointerOf(walk.nodes, site.node, site.keyword);
    const shown = quote(site.value);
    if (site.keyword !== '$ref') {
      problems.push(
        problem(
          path,
          'dynamic-ref-unsupported',
          `不支持 ${site.keyword}（Ajv 8 的实现不完整，会给出错误结果或栈溢出），请改用 $ref`,
          `${site.keyword} is not supported: Ajv 8 implements it incompletely (wrong results, stack overflows in the JSON Schema Test Suite); use $ref`,
        ),
      );
    }
    const resolution = resolveReference(walk, site);
    resolved.push({ site, resolution });
    if (resolution.kind === 'remote') {
      problems.push(
        problem(
          path,
          'remote-ref-forbidden',
          `${site.keyword} ${shown} 指向本结构之外；只允许本地引用（#… 或本结构内声明的 $id），不会下载任何内容`,
          `${site.keyword} ${shown} points outside this schema: only local references (#…, or an $id declared inside this schema) are allowed, and nothing is ever fetched`,
        ),
      );
    } else if (resolution.kind === 'invalid') {
      problems.push(
        problem(
          path,
          'ref-target-invalid',
          `${site.keyword} ${shown} 没有指向本结构中的子结构`,
          `${site.keyword} ${shown} does not point to a subschema of this schema`,
        ),
      );
    }
  }
  return resolved;
}

function check(schema: unknown, limits: SchemaLimits): SchemaProblem[] {
  if (!isPlainObject(schema)) {
    return [
      problem(
        '',
        'not-an-object',
        `表单结构必须是 JSON 对象，收到的是 ${typeName(schema)}`,
        `a form schema must be a JSON object, got ${typeName(schema)}`,
      ),
    ];
  }
  const walk = walkSchema(schema, limits);
  const problems = walk.problems;
  if (!walk.complete || problems.some((p) => STRUCTURAL.has(p.code))) return problems;

  if (walk.propertyCount > limits.maxProperties) {
    problems.push(
      problem(
        '',
        'too-many-properties',
        `属性定义共 ${walk.propertyCount} 个，超过上限 ${limits.maxProperties} 个`,
        `${walk.propertyCount} property definitions in total, more than the limit of ${limits.maxProperties}`,
      ),
    );
  }
  const references = checkReferences(walk, limits, problems);
  for (const cycle of findReferenceCycles(walk, references)) {
    const keyword = cycle.site.keyword;
    const chain = cycle.chain.map((p) => (p === '' ? '#' : `#${p}`)).join(' → ');
    problems.push(
      problem(
        pointerOf(walk.nodes, cycle.site.node, keyword),
        'ref-cycle',
        `${keyword} ${quote(cycle.site.value)} 形成不进入数据下一层的循环（${chain}），校验会无限递归`,
        `${keyword} ${quote(cycle.site.value)} closes a cycle that never goes down into the data (${chain} → back): validation would recurse forever`,
      ),
    );
  }
  const compiled = compiledSubschemas(walk, references);
  if (compiled.total > limits.maxSubschemas) {
    const copies = compiled.copied > 0 ? `（其中 ${compiled.copied} 个是 $ref 复制的）` : '';
    const copiesEn =
      compiled.copied > 0
        ? ` (${compiled.copied} of them copies Ajv makes of subschemas referenced with $ref)`
        : '';
    problems.push(
      problem(
        '',
        'too-many-subschemas',
        `编译时共 ${compiled.total} 个子结构${copies}，超过上限 ${limits.maxSubschemas} 个`,
        `${compiled.total} subschemas to compile${copiesEn}, more than the limit of ${limits.maxSubschemas}`,
      ),
    );
  }
  checkPatterns(walk, limits, problems);
  return problems.slice(0, MAX_PROBLEMS);
}

/**
 * Checks a schema from a user against `limits` (defaults: DEFAULT_SCHEMA_LIMITS) before anyone
 * compiles it. Returns the problems, none when the schema may be compiled. Never throws, and
 * its time is bounded by the limits whatever the input: non-JSON values, shared or cyclic
 * objects, huge arrays, nesting thousands deep (it stops at the limit and uses no recursion).
 */
export function checkSchemaLimits(
  schema: unknown,
  limits: Partial<SchemaLimits> = {},
): SchemaProblem[] {
  try {
    const effective: SchemaLimits = { ...DEFAULT_SCHEMA_LIMITS };
    for (const key of Object.keys(DEFAULT_SCHEMA_LIMITS) as (keyof SchemaLimits)[]) {
      const value = (limits as Partial<SchemaLimits> | null | undefined)?.[key];
      if (typeof value === 'number' && !Number.isNaN(value)) effective[key] = value;
    }
    return check(schema, effective);
  } catch (error) {
    // Only a hostile object (a throwing getter, a Proxy) gets here: JSON never does.
    let reason = 'unknown error';
    try {
      reason = error instanceof Error ? String(error.message) : String(error);
    } catch {
      // keep the generic reason
    }
    return [
      problem(
        '',
        'not-json',
        `无法读取表单结构：${reason.slice(0, 200)}`,
        `the schema could not be read as JSON: ${reason.slice(0, 200)}`,
      ),
    ];
  }
}
