/**
 * A JsonLogic value as ClickHouse SQL. JsonLogic is untyped and the platform's operators coerce
 * as JavaScript does, so a value compiles to one SQL expression per reading of it — as a number,
 * as a calendar day, as a string, as a truth value, as a member of a literal list — each giving
 * NULL where the reference evaluator's value would be missing or not of that kind
 * (definitions/src/rules: `toDayNumber` takes only real 'YYYY-MM-DD…' strings, `num` only
 * finite numbers, isTruthy is JsonLogic's truthiness).
 *
 * A day is an Int32 day number (days since 1970-01-01), like toDayNumber's.
 */
export type ValueKind = 'json' | 'number' | 'text' | 'day' | 'bool' | 'null' | 'record' | 'mixed';

export interface SqlValue {
  readonly kind: ValueKind;
  /** Nullable(Float64): the value as a JavaScript number comparison would read it. */
  number(): string;
  /** Nullable(Int32): the day number of a date string, NULL for anything else. */
  day(): string;
  /** Nullable(String): the value when it is a string. */
  text(): string;
  /** UInt8: JsonLogic truthiness. */
  truthy(): string;
  /** UInt8: strictly equal to one of the literal strings or numbers (JsonLogic `in` on an array). */
  inList(strings: string, numbers: string): string;
}

/** toDayNumber's pattern: a date, optionally a time and a zone, which it ignores. */
const DATE_PATTERN = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]+(Z|[+-][0-9]{2}:?[0-9]{2})?)?$'`;
const JSON_NUMBER = `('Int64', 'UInt64', 'Double')`;

/**
 * The day number of a string that is a real calendar date, else NULL. ClickHouse's own parser
 * rolls 02-30 over to March and clamps years outside 1900–2299, so the date must also print
 * back as itself (a date outside Date32's years is therefore missing here).
 */
export function dayOfText(s: string): string {
  const head = `substring(${s}, 1, 10)`;
  return `if(match(${s}, ${DATE_PATTERN}) AND toString(toDate32OrNull(${head})) = ${head}, toInt32(toDate32OrNull(${head})), NULL)`;
}

/** A Date32 of a day number. */
export const dateOfDay = (day: string) => `addDays(toDate32('1970-01-01'), ${day})`;

const NULL_VALUE: SqlValue = {
  kind: 'null',
  number: () => 'NULL',
  day: () => 'NULL',
  text: () => 'NULL',
  truthy: () => '0',
  inList: () => '0',
};
export const nullValue = (): SqlValue => NULL_VALUE;

/** JSON text of a record's field ('' when the record lacks it), as the records table keeps it. */
export function jsonValue(j: string): SqlValue {
  return {
    kind: 'json',
    number: () =>
      `multiIf(JSONType(${j}) IN ${JSON_NUMBER}, JSONExtract(${j}, 'Nullable(Float64)'), JSONType(${j}) = 'String', toFloat64OrNull(trimBoth(JSONExtractString(${j}))), JSONType(${j}) = 'Bool', toFloat64(JSONExtractBool(${j})), NULL)`,
    day: () => `if(JSONType(${j}) = 'String', ${dayOfText(`JSONExtractString(${j})`)}, NULL)`,
    text: () => `if(JSONType(${j}) = 'String', JSONExtractString(${j}), NULL)`,
    truthy: () =>
      `toUInt8(multiIf(JSONType(${j}) = 'Bool', JSONExtractBool(${j}), JSONType(${j}) IN ${JSON_NUMBER}, JSONExtract(${j}, 'Float64') != 0, JSONType(${j}) = 'String', JSONExtractString(${j}) != '', JSONType(${j}) = 'Array', JSONLength(${j}) > 0, JSONType(${j}) = 'Object', 1, 0))`,
    inList: (strings, numbers) =>
      `toUInt8(multiIf(JSONType(${j}) = 'String', has(${strings}, JSONExtractString(${j})), JSONType(${j}) IN ${JSON_NUMBER}, has(${numbers}, JSONExtract(${j}, 'Float64')), 0))`,
  };
}

/**
 * A record's field by name (`name`: the placeholder of the name) in the records table: its day
 * comes from the `days` map the table fills at insert (store/schema.ts, computed with jsonValue's
 * own reading, so they agree), every other reading from the field's JSON text. (Typed maps of
 * numbers and strings too were tried: a record holds some 25 fields, most of them numbers or
 * codes, so those maps were wider than the JSON they replace and made the queries slower.)
 * `r`: the table's alias.
 */
export function recordField(r: string, name: string): SqlValue {
  return { ...jsonValue(`${r}.fields[${name}]`), day: () => `${r}.days[${name}]` };
}

/**
 * The `days` map of a records row (store/schema.ts), computed by ClickHouse at insert from the
 * JSON text of each field with jsonValue's day reading: only the fields that are a date.
 */
export function fieldDaysMap(): string {
  const day = jsonValue('v').day();
  return `CAST(mapFilter((k, v) -> v IS NOT NULL, mapApply((k, v) -> (k, ${day}), fields)) AS Map(String, Nullable(Int32)))`;
}

/** A Nullable(Float64) expression. */
export function numberValue(x: string): SqlValue {
  return {
    kind: 'number',
    number: () => x,
    day: () => 'NULL',
    text: () => 'NULL',
    truthy: () => `toUInt8(coalesce(${x} != 0 AND NOT isNaN(${x}), 0))`,
    inList: (_strings, numbers) =>
      `toUInt8(if(${x} IS NULL, 0, has(${numbers}, assumeNotNull(${x}))))`,
  };
}

/** A Nullable(String) expression. */
export function textValue(x: string): SqlValue {
  return {
    kind: 'text',
    number: () => `toFloat64OrNull(trimBoth(${x}))`,
    day: () => dayOfText(x),
    text: () => x,
    truthy: () => `toUInt8(coalesce(${x} != '', 0))`,
    inList: (strings) => `toUInt8(if(${x} IS NULL, 0, has(${strings}, assumeNotNull(${x}))))`,
  };
}

/** A Nullable(Int32) day number: what addDays gives (a date string in the evaluator). */
export function dayValue(x: string): SqlValue {
  const text = `toString(${dateOfDay(x)})`;
  return {
    kind: 'day',
    number: () => 'NULL',
    day: () => x,
    text: () => text,
    truthy: () => `toUInt8(${x} IS NOT NULL)`,
    inList: (strings) => `toUInt8(if(${x} IS NULL, 0, has(${strings}, assumeNotNull(${text}))))`,
  };
}

/** A UInt8 truth value (never NULL): what a comparison, and, or, ! give. */
export function boolValue(x: string): SqlValue {
  return {
    kind: 'bool',
    number: () => `toFloat64(${x})`,
    day: () => 'NULL',
    text: () => 'NULL',
    truthy: () => x,
    inList: () => '0',
  };
}

/** A first/latest fact as a whole (`present`: UInt8, whether there is one): only its truthiness is read. */
export function recordValue(present: string, unsupported: (what: string) => never): SqlValue {
  return {
    kind: 'record',
    number: () => unsupported('a whole record read as a number'),
    day: () => unsupported('a whole record read as a date'),
    text: () => unsupported('a whole record read as a string'),
    truthy: () => present,
    inList: () => unsupported('a whole record in a list'),
  };
}

/** JsonLogic `if`: the first branch whose condition is truthy, else the last (or null). */
export function chooseValue(conditions: string[], branches: SqlValue[], otherwise: SqlValue) {
  const pick = (read: (v: SqlValue) => string) =>
    `multiIf(${conditions.map((c, i) => `${c}, ${read(branches[i]!)}`).join(', ')}, ${read(otherwise)})`;
  // A missing branch does not change what the others are; numbers and truth values compare alike.
  const kinds = new Set([...branches, otherwise].map((v) => v.kind).filter((k) => k !== 'null'));
  const kind: ValueKind =
    kinds.size === 0
      ? 'null'
      : kinds.size === 1
        ? [...kinds][0]!
        : [...kinds].every((k) => k === 'number' || k === 'bool')
          ? 'number'
          : 'mixed';
  const value: SqlValue = {
    kind,
    number: () => pick((v) => v.number()),
    day: () => pick((v) => v.day()),
    text: () => pick((v) => v.text()),
    truthy: () => `toUInt8(${pick((v) => v.truthy())})`,
    inList: (s, n) => `toUInt8(${pick((v) => v.inList(s, n))})`,
  };
  return value;
}
