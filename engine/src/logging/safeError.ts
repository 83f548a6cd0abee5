/**
 * Errors as logs (and stored error columns) may keep them: never what a request carried.
 *
 * A database error drags its statement's bind parameters along (Sequelize's `parameters`, the
 * driver's `detail` with "Key (…)=(…)" or "Failing row contains (…)", its `where`), and the
 * message of a data exception (SQLSTATE class 22) quotes the value it choked on — a phone
 * number, a name, a whole form as JSON. Only the kind of failure is kept: the error's name, its
 * message with quoted values removed where they may be data, the SQLSTATE and what it names in
 * the schema (constraint, table, column), and the stack frames.
 */

interface DriverError {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  routine?: unknown;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The driver's error under a Sequelize error (`parent`/`original`), or the error itself. */
function driverError(err: Record<string, unknown>): DriverError | undefined {
  for (const candidate of [err.parent, err.original, err]) {
    if (
      candidate &&
      typeof candidate === 'object' &&
      SQLSTATE.test(String((candidate as DriverError).code))
    )
      return candidate as DriverError;
  }
  return undefined;
}

/** The message of an error with any value it quotes from the data removed. */
export function safeErrorMessage(err: unknown): string {
  if (!(err instanceof Error)) return typeof err === 'string' ? '[error]' : String(typeof err);
  const driver = driverError(err as unknown as Record<string, unknown>);
  const message = String(err.message ?? '');
  if (!driver) return message;
  const code = String(driver.code);
  // Data exceptions quote the offending value; integrity errors only name the constraint here
  // (their values are in `detail`, which is never kept).
  if (code.startsWith('22')) return message.replace(/"(?:[^"\\]|\\.)*"/g, '"[redacted]"');
  return message;
}

/** The stack's frames under a safe first line. */
function safeStack(err: Error, message: string): string | undefined {
  if (typeof err.stack !== 'string') return undefined;
  const frames = err.stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  return `${err.name}: ${message}${frames ? `\n${frames}` : ''}`;
}

/** pino's `err` serializer: what may be logged of an error. */
export function serializeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err, message: safeErrorMessage(err) };
  const message = safeErrorMessage(err);
  const out: Record<string, unknown> = { type: err.name, message };
  const stack = safeStack(err, message);
  if (stack) out.stack = stack;
  const driver = driverError(err as unknown as Record<string, unknown>);
  if (driver) {
    for (const key of ['code', 'constraint', 'table', 'column', 'routine'] as const) {
      if (typeof driver[key] === 'string') out[key] = driver[key];
    }
  } else {
    const { code } = err as Error & { code?: unknown };
    if (typeof code === 'string') out.code = code;
  }
  if (err.cause !== undefined && depth < 4) out.cause = serializeError(err.cause, depth + 1);
  return out;
}
