import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { Database } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { createLogger } from '../logging/createLogger.js';
import { importSeed } from '../specs/seedReleases.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { testEngineConfig } from '../testing/testEngineConfig.js';
import { specDiffCommand, specListCommand, specRebaseCommand } from './specCommands.js';

/**
 * `formwork spec list | diff | rebase` on a database the engine has started in the demo world
 * (migrated, the seed's national line and the upgrade demonstration imported): they read it and
 * change nothing.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  const logger = createLogger('silent');
  const database = await Database.open({
    databaseUrl: db.databaseUrl,
    dataDir: db.dataDir,
    logger,
  });
  try {
    await migrate(database, logger);
    await importSeed(database, systemClock, { upgradeDemo: true });
  } finally {
    await database.close();
  }
});
afterAll(() => db?.drop());

function sink() {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { out, text: () => chunks.join('') };
}

describe('formwork spec', () => {
  it('given the seed’s releases, when `spec list` runs, then the seed versions and releases are listed with their status', async () => {
    const { out, text } = sink();
    expect(await specListCommand(testEngineConfig(db), { out })).toBe(0);
    expect(text()).toMatch(/spec\s+national-phs@3\.0\.0\s+100000\s+published/);
    expect(text()).toMatch(/spec\s+national-phs@3\.0\.1\s+100000\s+published/);
    expect(text()).toMatch(/overlay\s+fujian@1\.0\.0\s+350000\s+national-phs@3\.0\.0\s+published/);
    expect(text()).toMatch(/overlay\s+fujian@1\.2\.0\s+350000\s+national-phs@3\.0\.1\s+published/);
    // Older releases stay, no longer current (the column is empty before the hash).
    expect(text()).toMatch(/^national-phs@3\.0\.0\s+100000\s+published\s+[0-9a-f]{16}$/m);
    expect(text()).toMatch(/national-phs@3\.0\.1\s+100000\s+published\s+yes/);
    expect(text()).toMatch(
      /^national-phs@3\.0\.0\+fujian@1\.0\.0\s+350000\s+published\s+[0-9a-f]{16}$/m,
    );
    expect(text()).toMatch(/national-phs@3\.0\.1\+fujian@1\.2\.0\s+350000\s+published\s+yes/);
    expect(text()).toMatch(/national-phs@3\.0\.1\+yunnan@1\.2\.0\s+530000\s+published\s+yes/);
    // The upgrade demonstration is listed, never current.
    expect(text()).toMatch(/spec\s+upgrade-demo@3\.1\.1\s+100000\s+published/);
    expect(text()).toMatch(
      /overlay\s+demo-fujian@1\.1\.0\s+350000\s+upgrade-demo@3\.1\.1\s+published/,
    );
    for (const id of [
      'upgrade-demo@3.0.0',
      'upgrade-demo@3.1.0',
      'upgrade-demo@3.1.1',
      'upgrade-demo@3.0.0+demo-fujian@1.0.0',
      'upgrade-demo@3.1.1+demo-fujian@1.1.0',
      'upgrade-demo@3.1.1+demo-yunnan@1.1.0',
    ])
      expect(text()).toMatch(
        new RegExp(`^${id.replace(/[.+]/g, '\\$&')}\\s+\\d{6}\\s+published\\s+[0-9a-f]{16}$`, 'm'),
      );
  });

  it('given two releases of the upgrade demonstration, when `spec diff` runs for one form, then each classified change is a row', async () => {
    const { out, text } = sink();
    const code = await specDiffCommand(
      testEngineConfig(db),
      'upgrade-demo@3.0.0',
      'upgrade-demo@3.1.0',
      { form: 'hypertension-followup', out },
    );
    expect(code).toBe(0);
    expect(text()).toMatch(/hypertension-followup\s+\/heartRate\s+type-narrowed\s+NO\s+0/);
    expect(text()).toMatch(/hypertension-followup\s+\/homeBpMonitoring\s+field-added/);
    expect(text()).toMatch(/\/auxiliaryExams\s+label-changed\s+yes/);
  });

  it('given demo-fujian 1.0.0, when `spec rebase --to 3.1.0` (and --to 3.1.1) runs, then operation 0 is the one conflict and nothing is stored', async () => {
    const before = sink();
    await specListCommand(testEngineConfig(db), { out: before.out });
    for (const to of ['3.1.0', '3.1.1']) {
      const { out, text } = sink();
      const code = await specRebaseCommand(testEngineConfig(db), 'demo-fujian', '1.0.0', {
        to,
        out,
      });
      expect(code).toBe(0);
      expect(text()).toContain(`upgrade-demo@3.0.0 → ${to}: 12 carried, 1 conflict(s)`);
      expect(text()).toMatch(/^0\s+add-field diabetes-followup\s+CONFLICT \(field-exists\)/m);
    }
    const { out, text } = sink();
    const code = await specRebaseCommand(testEngineConfig(db), 'fujian', '1.0.0', {
      to: '3.0.1',
      out,
    });
    expect(code).toBe(0);
    // The restated 28-day window, and the hypertension rows the printed base now has itself.
    expect(text()).toContain('national-phs@3.0.0 → 3.0.1: 6 carried, 7 conflict(s)');
    expect(text()).toMatch(/^6\s+set-parameter\s.*CONFLICT \(parameter-not-overridable\)/m);
    expect(text()).toMatch(/^7\s+add-field hypertension-followup\s+CONFLICT \(field-exists\)/m);
    const again = sink();
    await specListCommand(testEngineConfig(db), { out: again.out });
    expect(again.text()).toBe(before.text());
  });
});
