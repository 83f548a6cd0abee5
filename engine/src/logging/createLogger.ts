import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/EngineConfig.js';
import { serializeError } from './safeError.js';

export type { Logger };

/**
 * Structured JSON logs (pino). Request handlers log through a child carrying `reqId`, so every
 * line of a request can be found by its id. `destination` lets tests read what was logged.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'formwork-engine' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Errors are logged without what the request carried (bind parameters, quoted values).
      serializers: { err: serializeError },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
