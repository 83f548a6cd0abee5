import { TOTP_SECRET_CONTEXT } from '../auth/AuthService.js';
import type { Services } from '../server/Services.js';
import {
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  demoOrgTree,
  demoUsers,
  type DemoUser,
} from './demoWorld.js';

/**
 * Loads the demo org tree and one user per role per demo province, once per database. Only ever
 * called on a local database (see loadConfig's DEMO rule).
 */
export async function seedDemo(
  services: Services,
): Promise<{ created: boolean; users: DemoUser[] }> {
  const tree = demoOrgTree();
  const users = demoUsers(tree);
  const { database, orgs, users: store, cipher, clock, hasher } = services;
  const [rows] = await database.sequelize.query("SELECT 1 FROM formwork_system WHERE key = 'demo'");
  if ((rows as unknown[]).length) return { created: false, users };
  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  await database.transaction(async (transaction) => {
    await orgs.saveTree(tree.year, tree.units, transaction);
    for (const demo of users) {
      const home = (await orgs.get(demo.orgCode, transaction, tree.year))!;
      const grantOrg = (await orgs.get(demo.grantOrgCode, transaction, tree.year))!;
      const user = await store.create(
        {
          username: demo.username,
          displayName: demo.displayName,
          orgCode: home.code,
          orgPath: home.path,
          passwordHash,
        },
        clock.now(),
        null,
        transaction,
      );
      await store.addGrant(
        {
          userId: user.id,
          role: demo.role,
          orgCode: grantOrg.code,
          orgPath: grantOrg.path,
          grantedBy: null,
        },
        clock.now(),
        transaction,
      );
      if (demo.totp) {
        await store.update(
          user.id,
          { totpSecret: cipher.encrypt(DEMO_TOTP_SECRET, TOTP_SECRET_CONTEXT), totpEnabled: true },
          transaction,
        );
      }
    }
    await database.sequelize.query(
      `INSERT INTO formwork_system (key, value) VALUES ('demo', jsonb_build_object('seededAt', now()))`,
      { transaction },
    );
  });
  return { created: true, users };
}

/** The sign-in sheet printed at start in demo mode. */
export function demoSignInSheet(users: readonly DemoUser[]): string {
  const lines = [
    '演示账号 / Demo accounts (only on the embedded database):',
    `  密码 / password: ${DEMO_PASSWORD}`,
    `  带 * 的账号需动态验证码 / accounts marked * need a TOTP code; secret: ${DEMO_TOTP_SECRET}`,
    ...users.map((u) => `  ${u.totp ? '*' : ' '} ${u.username.padEnd(28)} ${u.displayName}`),
  ];
  return `${lines.join('\n')}\n`;
}
