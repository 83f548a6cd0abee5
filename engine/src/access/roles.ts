import type { Permission } from './permissions.js';

export type OrgLevel = 'national' | 'province' | 'city' | 'county' | 'township' | 'village';
export const ORG_LEVELS: readonly OrgLevel[] = [
  'national',
  'province',
  'city',
  'county',
  'township',
  'village',
];

/** Business lines (业务条线). */
export const BUSINESS_LINES = {
  phc: { zh: '基层公卫', en: 'Primary public health' },
  mch: { zh: '妇幼', en: 'Maternal and child health' },
  medical: { zh: '医疗', en: 'Medical care' },
  cdc: { zh: '疾控', en: 'Disease control' },
  admin: { zh: '行政', en: 'Administration' },
} as const;
export type BusinessLine = keyof typeof BUSINESS_LINES;

export interface RoleDefinition {
  key: string;
  title: { zh: string; en: string };
  /** The level of the org unit a grant of this role is made at. */
  level: OrgLevel;
  line: BusinessLine;
  permissions: readonly Permission[];
}

const role = (
  key: string,
  zh: string,
  en: string,
  level: OrgLevel,
  line: BusinessLine,
  permissions: Permission[],
): RoleDefinition => ({ key, title: { zh, en }, level, line, permissions });

/**
 * The role grid: level × business line, each with its permissions. A grant gives one role over
 * an org subtree. Granting (users.manage) does not include the right to use what is granted:
 * administrators hold no record permissions.
 */
export const ROLE_DEFINITIONS: readonly RoleDefinition[] = [
  role('village-doctor', '村医', 'Village doctor', 'village', 'phc', [
    'records.capture',
    'records.read',
    'tasks.work',
  ]),
  role('township-phc', '乡镇公卫人员', 'Township public-health staff', 'township', 'phc', [
    'records.capture',
    'records.read',
    'tasks.work',
    'reports.read',
  ]),
  role('township-mch', '乡镇妇幼人员', 'Township maternal-health staff', 'township', 'mch', [
    'records.capture',
    'records.read',
    'tasks.work',
  ]),
  role('county-clinician', '县医院医生', 'County hospital doctor', 'county', 'medical', [
    'records.capture',
    'records.read',
    'tasks.work',
  ]),
  role('county-phc-manager', '县公卫管理员', 'County public-health manager', 'county', 'phc', [
    'records.read',
    'personal-data.read',
    'reports.read',
  ]),
  role('county-admin', '县级系统管理员', 'County administrator', 'county', 'admin', [
    'users.manage',
  ]),
  role('city-admin', '市级系统管理员', 'City administrator', 'city', 'admin', ['users.manage']),
  role('province-admin', '省级系统管理员', 'Province administrator', 'province', 'admin', [
    'users.manage',
  ]),
  role('province-configurator', '省级配置员', 'Province configurator', 'province', 'admin', [
    'forms.design',
    'workflows.edit',
  ]),
  role('province-reviewer', '省级审核员', 'Province reviewer', 'province', 'admin', [
    'specs.review',
  ]),
  role('province-publisher', '省级发布员', 'Province publisher', 'province', 'admin', [
    'specs.publish',
  ]),
  role(
    'province-manager',
    '省卫健委管理者',
    'Province health commission manager',
    'province',
    'phc',
    ['reports.read'],
  ),
  role('county-auditor', '县级审计员', 'County auditor', 'county', 'admin', ['audit.read']),
];

export const ROLES_BY_KEY: ReadonlyMap<string, RoleDefinition> = new Map(
  ROLE_DEFINITIONS.map((r) => [r.key, r]),
);
