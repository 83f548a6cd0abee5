import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readOverlay } from '@formwork/seed/lib/readSpec';
import type { Overlay } from '@formwork/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../database/Database.js';
import { createLogger } from '../logging/createLogger.js';
import { engineProcessEnv, IdentityFixture } from '../testing/index.js';

/** `formwork seed --demo` as a real process, on a database whose releases a province changed. */
const bin = new URL('../../bin/formwork.js', import.meta.url).pathname;
const dataKey = randomBytes(32).toString('base64');

let f: IdentityFixture;
beforeAll(async () => {
  f = await IdentityFixture.start({ dataKey });
});
afterAll(() => f?.stop());

/**
 * Drafts, submits, approves and publishes a spec or overlay version as three people of `org`;
 * the publisher's token.
 */
async function publish(org: string, path: string, body: unknown): Promise<string> {
  const author = await f.login(await f.user('province-configurator', org));
  const reviewer = await f.login(await f.user('province-reviewer', org));
  const publisher = await f.login(await f.user('province-publisher', org, { withTotp: true }));
  const created = await f.request('POST', path, author, body);
  expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
  const version = `${path}/${created.body.version as string}`;
  for (const [step, token] of [
    ['submit', author],
    ['approve', reviewer],
    ['publish', publisher],
  ] as const) {
    const done = await f.request('POST', `${version}/${step}`, token, {});
    expect(done.status, `${step}: ${JSON.stringify(done.body).slice(0, 300)}`).toBe(200);
  }
  return publisher;
}

function runCli(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, [bin, ...args], { env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('close', (status) => resolve({ status, stdout, stderr }));
    },
  );
}

describe('formwork seed --demo', () => {
  it('given Fujian’s current release lacks the diabetes follow-up form, when seeding demo residents, then it exits 1 naming the release and the form, without a stack trace, and adds no resident', async () => {
    // A national 3.2.0 without the diabetes follow-up, and Fujian 1.3.0 on it.
    const national = (
      await f.request(
        'GET',
        '/api/specs/national-phs/versions/3.0.1',
        await f.login(await f.user('province-configurator', '100000')),
      )
    ).body.content;
    const forms = { ...national.forms };
    delete forms['diabetes-followup'];
    // What reads the form goes with it: its urgent-referral trigger, schedule and indicators (a
    // spec is refused when they name a form it does not have).
    const without = (section: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(section).filter(([, v]) => !JSON.stringify(v).includes('diabetes-followup')),
      );
    await publish('100000', '/api/specs/national-phs/versions', {
      version: '3.2.0',
      content: {
        ...national,
        version: '3.2.0',
        forms,
        triggers: without(national.triggers),
        schedules: without(national.schedules),
        indicators: without(national.indicators),
      },
    });
    const fujian = readOverlay('fujian', '1.2.0');
    const publisher = await publish('350000', '/api/overlays/fujian/versions', {
      ...fujian,
      version: '1.3.0',
      base: { ...fujian.base, version: '3.2.0' },
      operations: fujian.operations.filter(
        (op) => !('form' in op) || op.form !== 'diabetes-followup',
      ),
    } satisfies Overlay);
    const release = await f.request('POST', '/api/releases', publisher, {
      overlay: { key: 'fujian', version: '1.3.0' },
    });
    expect(release.body).toMatchObject({ id: 'national-phs@3.2.0+fujian@1.3.0', current: true });
    // The embedded database takes one process at a time: the engine stops, its data stays.
    await f.t.engine.stop();

    const run = await runCli(
      ['seed', '--demo', '--patients', '50'],
      engineProcessEnv(f.t.database, {}, dataKey),
    );
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stderr).toContain(
      'release national-phs@3.2.0+fujian@1.3.0 has no form diabetes-followup',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const logger = createLogger('silent');
    const database = await Database.open({
      databaseUrl: f.t.database.databaseUrl,
      dataDir: f.t.database.dataDir,
      logger,
    });
    try {
      const [[count]] = (await database.sequelize.query(
        'SELECT count(*)::int AS n FROM subjects',
      )) as [{ n: number }[], unknown];
      expect(count!.n).toBe(0);
    } finally {
      await database.close();
    }
  });
});
