import { ConfigError } from '../config/loadConfig.js';

/**
 * The personal-data key is missing or unusable. A `ConfigError`, so the CLI prints the message
 * without a stack; the message names the variable to fix and never contains key material.
 */
export class DataKeyError extends ConfigError {
  override name = 'DataKeyError';
}
