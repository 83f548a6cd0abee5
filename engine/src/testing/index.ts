/** Helpers for tests of the engine and of plugins: a real engine on an isolated database. */
export { startTestEngine, type TestEngine, type LogLine } from './startTestEngine.js';
export { createTestDatabase, pgliteTemplateDir, type TestDatabase } from './testDatabase.js';
export { readJson } from './readJson.js';
export { IdentityFixture, TestClock, TEST_PASSWORD, type TestUser } from './identityFixture.js';
export { testEngineConfig } from './testEngineConfig.js';
export { callApi, type ApiResponse } from './callApi.js';
export {
  engineProcessEnv,
  signInDemoUser,
  startEngineProcess,
  type EngineProcess,
} from './engineProcess.js';
export { throwawayPersonal } from './throwawayPersonal.js';
export { HYPERTENSION_PARITY_CASES } from '../submissions/fixtures/parityCases.js';
export { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
