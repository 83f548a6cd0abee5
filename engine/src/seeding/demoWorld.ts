import fs from 'node:fs';
import { createRequire } from 'node:module';
import { MFA_PERMISSIONS } from '../access/permissions.js';
import { ROLE_DEFINITIONS, type OrgLevel } from '../access/roles.js';
import type { OrgUnitInput } from '../orgs/OrgUnitStore.js';

const require = createRequire(import.meta.url);

export interface DemoOrgTree {
  year: number;
  units: OrgUnitInput[];
}

/** The demo org tree shipped in seed/demo/org-units.json. */
export function demoOrgTree(): DemoOrgTree {
  const file = require.resolve('@formwork/seed/demo/org-units.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoOrgTree;
}

/** The one password every demo user has (it meets the password policy). */
export const DEMO_PASSWORD = 'Formwork#2026demo';
/** The TOTP secret of demo users whose roles need a second factor (base32). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export interface DemoUser {
  username: string;
  displayName: string;
  /** Home institution (or division where the level has no institution). */
  orgCode: string;
  role: string;
  /** Where the role is granted: the division of the role's level. */
  grantOrgCode: string;
  totp: boolean;
}

const PROVINCES: Record<string, string> = { '350000': 'fj', '530000': 'yn' };
const INSTITUTION: Partial<Record<OrgLevel, string>> = {
  village: 'village-clinic',
  township: 'township-health-centre',
  county: 'county-hospital',
};

/** One user per role per demo province, at the first division of the role's level. */
export function demoUsers(tree: DemoOrgTree): DemoUser[] {
  const users: DemoUser[] = [];
  for (const [provinceCode, prefix] of Object.entries(PROVINCES)) {
    const inProvince = (code: string): boolean => {
      const unit = tree.units.find((u) => u.code === code);
      if (!unit) return false;
      return (
        unit.code === provinceCode || (unit.parentCode !== undefined && inProvince(unit.parentCode))
      );
    };
    for (const role of ROLE_DEFINITIONS) {
      const division = tree.units.find(
        (u) => u.kind === 'division' && u.level === role.level && inProvince(u.code),
      );
      if (!division) continue;
      const institutionType = INSTITUTION[role.level];
      const home = institutionType
        ? tree.units.find(
            (u) => u.parentCode === division.code && u.institutionType === institutionType,
          )
        : undefined;
      users.push({
        username: `${prefix}.${role.key}`,
        displayName: `${role.title.zh}（${division.name}）`,
        orgCode: home?.code ?? division.code,
        role: role.key,
        grantOrgCode: division.code,
        totp: role.permissions.some((p) => MFA_PERMISSIONS.has(p)),
      });
    }
  }
  return users;
}
