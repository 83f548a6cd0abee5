/** Helpers for tests of the engine and of plugins: a real engine on an isolated database. */
export { startTestEngine, type TestEngine, type LogLine } from './startTestEngine.js';
export { createTestDatabase, pgliteTemplateDir, type TestDatabase } from './testDatabase.js';
export { readJson } from './readJson.js';
export {
  IdentityFixture,
  TestClock,
  TEST_PASSWORD,
  type TestUser,
  type ApiResponse,
} from './identityFixture.js';
export { testEngineConfig } from './testEngineConfig.js';
