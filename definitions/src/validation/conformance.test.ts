/**
 * The official JSON Schema Test Suite, draft 2020-12, required tests (not optional/), run through
 * the validator we use: createAjv() without our x- keywords. One `it` per test case. Remote
 * references are never fetched: the suite's remotes/draft2020-12/ files are added under
 * http://localhost:1234/… to a fresh Ajv for every group whose schema names that server (the other remotes/ folders belong to other drafts: their
 * $schema is a meta-schema Ajv 2020 does not know, and no 2020-12 test refers to them).
 * What does not pass is listed, with the reason, in conformance/knownUnsupported.ts; those tests
 * are asserted to fail, so an entry that starts passing must be removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KNOWN_UNSUPPORTED, knownUnsupported } from './conformance/knownUnsupported.js';
import { createAjv } from './createAjv.js';

interface SuiteTest {
  description: string;
  data: unknown;
  valid: boolean;
}
interface SuiteGroup {
  description: string;
  schema: unknown;
  tests: SuiteTest[];
}

type Outcome =
  | { kind: 'result'; valid: boolean }
  | { kind: 'compile-error'; message: string }
  | { kind: 'validate-error'; message: string };

const repository = path.resolve(import.meta.dirname, '../../..');
const suite = path.resolve(repository, '../shared/conformance/json-schema-test-suite');
const testsDir = path.join(suite, 'tests/draft2020-12');
const remotesDir = path.join(suite, 'remotes');

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

if (!fs.existsSync(testsDir)) {
  throw new Error(`JSON Schema Test Suite not found at ${testsDir}`);
}

const remotes = listFiles(path.join(remotesDir, 'draft2020-12')).map((file) => ({
  uri: `http://localhost:1234/${path.relative(remotesDir, file).split(path.sep).join('/')}`,
  schema: readJson(file) as object,
}));

const files = fs
  .readdirSync(testsDir, { withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
  .map((entry) => entry.name)
  .sort();
const groupsByFile = new Map(
  files.map((file) => [file, readJson(path.join(testsDir, file)) as SuiteGroup[]]),
);

const counts = { passed: 0, unsupported: 0, total: 0 };
for (const groups of groupsByFile.values()) {
  for (const group of groups) counts.total += group.tests.length;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Groups whose schema names http://localhost:1234/ get a fresh validator holding the remotes;
 * the others share one, each schema removed again right after it is compiled (a compiled
 * validator keeps working; its $id is free for the next group).
 */
let shared: ReturnType<typeof createAjv> | undefined;

/** Compiles a group's schema once, when its first test runs. */
function compiler(group: SuiteGroup): () => ((data: unknown) => boolean) | { error: string } {
  let compiled: ((data: unknown) => boolean) | { error: string } | undefined;
  return () => {
    if (compiled) return compiled;
    let ajv: ReturnType<typeof createAjv>;
    if (JSON.stringify(group.schema).includes('//localhost:1234/')) {
      ajv = createAjv({ formworkKeywords: false });
      for (const remote of remotes) ajv.addSchema(remote.schema, remote.uri);
    } else {
      ajv = shared ??= createAjv({ formworkKeywords: false });
    }
    const schema = group.schema as object | boolean;
    try {
      const validate = ajv.compile(schema);
      compiled = (data: unknown) => validate(data) as boolean;
    } catch (error) {
      compiled = { error: message(error) };
    }
    if (typeof schema === 'object') ajv.removeSchema(schema);
    return compiled;
  };
}

function run(
  validator: ((data: unknown) => boolean) | { error: string },
  test: SuiteTest,
): Outcome {
  if (typeof validator !== 'function') return { kind: 'compile-error', message: validator.error };
  try {
    return { kind: 'result', valid: validator(test.data) };
  } catch (error) {
    return { kind: 'validate-error', message: message(error) };
  }
}

describe('JSON Schema Test Suite, draft 2020-12 (required)', () => {
  afterAll(() => {
    console.log(
      `JSON Schema Test Suite draft 2020-12: ${counts.passed} passed, ` +
        `${counts.unsupported} documented as unsupported, of ${counts.total} required tests`,
    );
  });

  it('has every KNOWN_UNSUPPORTED entry naming tests that exist', () => {
    for (const entry of KNOWN_UNSUPPORTED) {
      const group = groupsByFile.get(entry.file)?.find((g) => g.description === entry.group);
      expect(group, `${entry.file} / ${entry.group}`).toBeDefined();
      for (const test of entry.tests ?? []) {
        expect(
          group!.tests.map((t) => t.description),
          `${entry.file} / ${entry.group}`,
        ).toContain(test);
      }
    }
  });

  for (const [file, groups] of groupsByFile) {
    describe(file, () => {
      for (const group of groups) {
        describe(group.description, () => {
          const validator = compiler(group);
          for (const test of group.tests) {
            const entry = knownUnsupported(file, group.description, test.description);
            const title = entry ? `[unsupported] ${test.description}` : test.description;
            it(title, () => {
              const outcome = run(validator(), test);
              if (entry) {
                const fails = outcome.kind !== 'result' || outcome.valid !== test.valid;
                expect(
                  fails,
                  `documented as unsupported but passes now; remove it from KNOWN_UNSUPPORTED ` +
                    `(${entry.reason})`,
                ).toBe(true);
                counts.unsupported++;
              } else {
                expect(outcome).toEqual({ kind: 'result', valid: test.valid });
                counts.passed++;
              }
            });
          }
        });
      }
    });
  }
});
