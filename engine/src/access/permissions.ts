/** Named permissions. Every non-public route declares one; roles bundle them. */
export const PERMISSIONS = {
  'forms.design': { zh: '设计表单', en: 'Design forms' },
  'specs.review': { zh: '审核规范', en: 'Review spec drafts' },
  'specs.publish': { zh: '发布规范', en: 'Publish releases' },
  'workflows.edit': { zh: '编辑流程', en: 'Edit workflows' },
  'records.capture': { zh: '录入记录', en: 'Capture records' },
  'records.read': { zh: '查看记录', en: 'Read records' },
  'personal-data.read': { zh: '查看个人敏感信息', en: 'Read personal data unmasked' },
  'tasks.work': { zh: '处理任务', en: 'Work tasks' },
  'reports.read': { zh: '查看报表', en: 'Read reports' },
  'users.manage': { zh: '管理用户与授权', en: 'Manage users and grants' },
  'audit.read': { zh: '查看审计日志', en: 'Read the audit trail' },
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/** Permissions usable only in a session that passed a TOTP second factor. */
export const MFA_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  'users.manage',
  'specs.publish',
  'audit.read',
]);
