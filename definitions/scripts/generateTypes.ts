/**
 * Generates src/types/generated.ts from the meta-schemas with json-schema-to-typescript.
 *   npm run generate:types            write the file
 *   (the test generatedTypes.test.ts fails when the file is stale)
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';
import { metaSchemas } from '../src/metaschemas/index.js';

export const generatedTypesFile = fileURLToPath(
  new URL('../src/types/generated.ts', import.meta.url),
);

const CONSTRAINING = ['type', '$ref', 'enum', 'const', 'oneOf', 'anyOf', 'allOf', 'properties'];

/** An unconstrained subschema (any JSON, e.g. a JsonLogic slot) is typed `unknown`. */
function markUnconstrained(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(markUnconstrained);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] =
      k === 'properties' || k === '$defs'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>).map(([name, sub]) => [
              name,
              markUnconstrained(sub),
            ]),
          )
        : k === 'items' ||
            k === 'oneOf' ||
            k === 'anyOf' ||
            k === 'allOf' ||
            (k === 'additionalProperties' && typeof v === 'object')
          ? markUnconstrained(v)
          : v;
  }
  if (!CONSTRAINING.some((key) => key in out)) out.tsType = 'unknown';
  return out;
}

export async function generateTypes(): Promise<string> {
  const parts = [
    '/* Generated from definitions/src/metaschemas by `npm run generate:types`. Do not edit. */\n',
  ];
  for (const [kind, schema] of Object.entries(metaSchemas)) {
    const ts = await compile(markUnconstrained(schema) as never, kind, {
      bannerComment: '',
      unknownAny: true,
      strictIndexSignatures: true,
      declareExternallyReferenced: true,
      format: true,
      style: { singleQuote: true, printWidth: 100, trailingComma: 'all' },
    });
    parts.push(`// ${kind}\n${ts}`);
  }
  // Types shared by several schemas ($defs with the same title) are emitted once.
  const seen = new Set<string>();
  return parts
    .join('\n')
    .split(/\n(?=export (?:interface|type) )/)
    .filter((block) => {
      const name = /^export (?:interface|type) (\w+)/.exec(block)?.[1];
      if (!name) return true;
      if (seen.has(name)) return false;
      seen.add(name);
      return true;
    })
    .join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  fs.writeFileSync(generatedTypesFile, await generateTypes());
  process.stdout.write(`wrote ${generatedTypesFile}\n`);
}
