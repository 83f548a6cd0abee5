import type { Clock } from '../clock.js';
import type { EngineConfig } from '../config/EngineConfig.js';
import { ROLES_BY_KEY } from '../access/roles.js';
import { TOTP_SECRET_CONTEXT } from '../auth/AuthService.js';
import { totp } from '../auth/totp.js';
import { demoOrgTree } from '../seeding/demoWorld.js';
import { callApi, type ApiResponse } from './callApi.js';
import { startTestEngine, type TestEngine } from './startTestEngine.js';
import type { TestDatabase } from './testDatabase.js';

/** A clock tests move by hand. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-23T02:00:00.000Z')) {}
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const TEST_PASSWORD = 'Quiet-Harbour-2026';

export interface TestUser {
  id: string;
  username: string;
  password: string;
  totpSecret: string | undefined;
}

/**
 * A started engine with the demo org tree, a hand-moved clock and helpers to make users with
 * roles, sign them in (with TOTP where their role needs it) and call the API as them.
 */
export class IdentityFixture {
  #counter = 0;
  private constructor(
    readonly t: TestEngine,
    readonly clock: TestClock,
  ) {}

  /** `database`: start on a database a test prepared, or one an earlier engine used. */
  static async start(
    overrides: Partial<EngineConfig> = {},
    options: { database?: TestDatabase } = {},
  ): Promise<IdentityFixture> {
    const clock = new TestClock();
    const t = await startTestEngine(overrides, { clock, ...options });
    const tree = demoOrgTree();
    await t.engine.database.transaction((transaction) =>
      t.engine.services.orgs.saveTree(tree.year, tree.units, transaction),
    );
    return new IdentityFixture(t, clock);
  }

  get url() {
    return this.t.url;
  }

  /** A user at `homeOrg` holding `role` granted at `grantOrg` (TOTP enrolled when `withTotp`). */
  async user(
    role: string | undefined,
    grantOrg: string,
    options: { homeOrg?: string; withTotp?: boolean } = {},
  ) {
    const { orgs, users, hasher, cipher } = this.t.engine.services;
    const home = (await orgs.get(options.homeOrg ?? grantOrg))!;
    const username = `u${++this.#counter}-${(role ?? 'none').slice(0, 20)}`;
    const id = await this.t.engine.database.transaction(async (transaction) => {
      const created = await users.create(
        {
          username,
          displayName: username,
          orgCode: home.code,
          orgPath: home.path,
          passwordHash: await hasher.hash(TEST_PASSWORD),
        },
        this.clock.now(),
        null,
        transaction,
      );
      if (role) {
        if (!ROLES_BY_KEY.has(role)) throw new Error(`no role ${role}`);
        const org = (await orgs.get(grantOrg, transaction))!;
        await users.addGrant(
          { userId: created.id, role, orgCode: org.code, orgPath: org.path, grantedBy: null },
          this.clock.now(),
          transaction,
        );
      }
      return created.id;
    });
    let totpSecret: string | undefined;
    if (options.withTotp) {
      totpSecret = totp.newSecret();
      await users.update(id, {
        totpSecret: cipher.encrypt(totpSecret, TOTP_SECRET_CONTEXT),
        totpEnabled: true,
      });
    }
    return { id, username, password: TEST_PASSWORD, totpSecret } satisfies TestUser;
  }

  request(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse> {
    return callApi(this.url, method, path, token, body, headers);
  }

  /** Signs in (with the current TOTP code when the user has one) and returns the token. */
  async login(user: TestUser): Promise<string> {
    const response = await this.request('POST', '/api/auth/login', undefined, {
      username: user.username,
      password: user.password,
      ...(user.totpSecret ? { totp: totp.codeAt(user.totpSecret, this.clock.now()) } : {}),
    });
    if (response.status !== 200)
      throw new Error(`login ${user.username}: ${JSON.stringify(response.body)}`);
    return response.body.token as string;
  }

  async auditActions(): Promise<string[]> {
    const [rows] = await this.t.engine.database.sequelize.query(
      'SELECT action FROM audit_events ORDER BY seq',
    );
    return (rows as { action: string }[]).map((r) => r.action);
  }

  stop() {
    return this.t.stop();
  }
}
