/**
 * `formwork ca init [--users a,b] [--force]`: the development CA in the key store (NOT FOR
 * PRODUCTION); `formwork ca import-crl FILE`: adds a CRL (checked against the trusted CAs) to
 * the key store's `crls/`, read by running engines within a minute.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initDevCa } from '../ca/devCa.js';
import { Crl } from '../x509/Crl.js';
import type { TrustStore } from '../x509/TrustStore.js';
import { readInput, type CommandIo } from './commandIo.js';

export const CA_USAGE = 'ca init [--users user1,user2] [--force] | ca import-crl FILE';

export async function caCommand(
  args: string[],
  io: CommandIo,
  store: { dir: string; trust: () => TrustStore },
): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'init') {
    const { values } = parseArgs({
      args: rest,
      options: { users: { type: 'string' }, force: { type: 'boolean', default: false } },
    });
    const users = (values.users ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
    const result = initDevCa(store.dir, { users, force: values.force });
    io.err('开发测试 CA 已创建，不得用于生产 / development CA created: NOT FOR PRODUCTION\n');
    io.out(`${JSON.stringify(result)}\n`);
    return 0;
  }
  if (action === 'import-crl' && rest.length === 1) {
    const crls = Crl.readAll(readInput(rest[0]!, 8 * 1024 * 1024, '吊销列表 CRL'));
    const trust = store.trust();
    for (const crl of crls) {
      if (!trust.addCrl(crl)) {
        io.err(
          `formwork: 吊销列表不是受信任的 CA 签发的 / the CRL of ${crl.issuer} is not signed by a trusted CA\n`,
        );
        return 1;
      }
    }
    const dir = path.join(store.dir, 'crls');
    fs.mkdirSync(dir, { recursive: true });
    const target = path.join(dir, `${Date.now()}-${path.basename(rest[0]!)}`);
    fs.copyFileSync(rest[0]!, target);
    io.out(
      `${JSON.stringify({ imported: target, revoked: crls.reduce((n, c) => n + c.revoked.size, 0) })}\n`,
    );
    return 0;
  }
  io.err(`usage: formwork ${CA_USAGE}\n`);
  return 2;
}
