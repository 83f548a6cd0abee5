/** The engine's own CLI commands: a plugin's `api.command` may not take one of these names. */
export const ENGINE_COMMANDS: readonly string[] = [
  'start',
  'migrate',
  'migrate-data',
  'config',
  'audit',
  'schedules',
  'seed',
  'spec',
  'lint-form',
  'lint-bpmn',
  'help',
];
