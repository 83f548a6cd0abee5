import { ruleVariables } from '../rules/ruleVariables.js';
import type { FactIndicator } from '../types/generated.js';

/** A field of a form that an indicator reads. */
export interface FieldRead {
  /** The fact whose records it is read from. */
  fact: string;
  /** The forms of that fact. */
  forms: readonly string[];
  /** JSON pointer into a record's data; '*' when the rule reads the whole record or a computed path. */
  path: string;
  /** JSON pointer into the indicator: where it is read (`/facts/latest/date`, `/numerator/where`). */
  at: string;
}

const isRecordFact = (indicator: FactIndicator, name: string) => {
  const fact = Object.hasOwn(indicator.facts, name) ? indicator.facts[name] : undefined;
  return fact !== undefined && fact.aggregate !== 'count';
};

/** '/facts/latest/sbp' → ['latest', '/sbp']; '/facts/latest' → ['latest', '']. */
function splitFactPointer(pointer: string): [string, string] {
  const rest = pointer.slice('/facts/'.length);
  const at = rest.indexOf('/');
  return at === -1 ? [rest, ''] : [rest.slice(0, at), rest.slice(at)];
}

/**
 * Every field of a form the indicator reads, through its facts: a fact's `date` and the
 * `record.*` its `where` reads, the `facts.<name>.*` the numerator reads of a first/latest
 * fact, and the fields `placedBy` and `weight` name. What reports follow across versions, what
 * the semantic diff lists as using a field, and what checkIndicator checks exists.
 */
export function indicatorReads(indicator: FactIndicator): FieldRead[] {
  const reads: FieldRead[] = [];
  const facts = Object.entries(indicator.facts).filter(
    (entry): entry is [string, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined,
  );
  for (const [name, fact] of facts) {
    const base = { fact: name, forms: fact.forms };
    reads.push({ ...base, path: `/${fact.date}`, at: `/facts/${name}/date` });
    if (fact.where === undefined) continue;
    for (const variable of ruleVariables(fact.where)) {
      const at = `/facts/${name}/where`;
      if (variable === '*' || variable === '/record') reads.push({ ...base, path: '*', at });
      else if (variable.startsWith('/record/'))
        reads.push({ ...base, path: variable.slice('/record'.length), at });
    }
  }
  for (const variable of ruleVariables(indicator.numerator.where)) {
    const at = '/numerator/where';
    if (variable === '*') {
      for (const [name, fact] of facts)
        if (fact.aggregate !== 'count')
          reads.push({ fact: name, forms: fact.forms, path: '*', at });
      continue;
    }
    if (!variable.startsWith('/facts/')) continue;
    const [name, path] = splitFactPointer(variable);
    if (!isRecordFact(indicator, name)) continue;
    reads.push({ fact: name, forms: indicator.facts[name]!.forms, path: path || '*', at });
  }
  const { placedBy, weight } = indicator.denominator;
  for (const [at, ref] of [
    ['/denominator/placedBy', placedBy],
    ['/denominator/weight', weight],
  ] as const) {
    if (!ref || !isRecordFact(indicator, ref.fact)) continue;
    reads.push({
      fact: ref.fact,
      forms: indicator.facts[ref.fact]!.forms,
      path: `/${ref.field}`,
      at,
    });
  }
  return reads;
}
