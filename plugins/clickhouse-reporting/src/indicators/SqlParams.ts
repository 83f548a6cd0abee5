/**
 * The query parameters of one compiled query. Every value that reaches ClickHouse — a period
 * date, a region code, and also every identifier read from metadata (a field name, a form key,
 * a program) — goes in here and appears in the SQL only as a `{pN:Type}` placeholder, so the
 * SQL text itself is built from trusted code alone.
 */
export type ParamType =
  'String' | 'Float64' | 'UInt8' | 'Int16' | 'Date32' | 'Array(String)' | 'Array(Float64)';

export class SqlParams {
  readonly values: Record<string, unknown> = {};
  private readonly known = new Map<string, string>();

  /** A placeholder for the value; the same value and type share one parameter. */
  add(value: unknown, type: ParamType): string {
    const key = `${type}\u0000${JSON.stringify(value)}`;
    const existing = this.known.get(key);
    if (existing) return existing;
    const name = `p${this.known.size}`;
    const placeholder = `{${name}:${type}}`;
    this.values[name] = value;
    this.known.set(key, placeholder);
    return placeholder;
  }

  /** A named placeholder (the request's own values: period, region, level). */
  named(name: string, value: unknown, type: ParamType): string {
    this.values[name] = value;
    return `{${name}:${type}}`;
  }
}
