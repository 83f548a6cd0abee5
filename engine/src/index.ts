export { Engine } from './server/Engine.js';
export { loadConfig, ConfigError } from './config/loadConfig.js';
export type { EngineConfig, LogLevel } from './config/EngineConfig.js';
export { configVariables } from './config/configVariables.js';
export { createLogger, type Logger } from './logging/createLogger.js';
export { Database, type DatabaseKind } from './database/Database.js';
export { migrate } from './database/migrate.js';
export { engineVersion } from './version.js';
