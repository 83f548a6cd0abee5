import type { Me } from '../../runtime/app/session/session.js';

/** The screens of the designer's navigation, in its order. */
export type ScreenName =
  | 'forms'
  | 'codeTables'
  | 'workflows'
  | 'overlays'
  | 'versions'
  | 'review'
  | 'releases'
  | 'migrations';

export interface NavigationItem {
  name: ScreenName;
  path: string;
  /** Any of these permissions (GET /api/auth/me: usable in this session) opens the screen. */
  permissions: readonly string[];
  /** Only for staff whose design grant is below the nation (provincial staff). */
  provincial?: boolean;
}

export const NATION = '100000';
const DESIGN_ROLES = ['forms.design', 'workflows.edit', 'specs.review', 'specs.publish'];

/**
 * By role: configurators design forms and code tables, workflow admins workflows, provincial staff
 * (a design grant over a province or below) their overlays; reviewers review, publishers publish;
 * everyone with a designer role sees the versions and their states.
 */
export const NAVIGATION: readonly NavigationItem[] = [
  { name: 'forms', path: 'forms', permissions: ['forms.design'] },
  { name: 'codeTables', path: 'code-tables', permissions: ['forms.design'] },
  { name: 'workflows', path: 'workflows', permissions: ['workflows.edit'] },
  { name: 'overlays', path: 'overlays', permissions: ['forms.design'], provincial: true },
  { name: 'versions', path: 'versions', permissions: DESIGN_ROLES },
  { name: 'review', path: 'review', permissions: ['specs.review'] },
  { name: 'releases', path: 'releases', permissions: ['specs.publish'] },
  { name: 'migrations', path: 'migrations', permissions: ['forms.design', 'specs.publish'] },
];

/** Whether `user` may open `item`. */
export function mayOpen(
  item: Pick<NavigationItem, 'permissions' | 'provincial'>,
  user: Me | undefined,
): boolean {
  if (!user) return false;
  if (!item.permissions.some((p) => user.permissions.includes(p))) return false;
  return !item.provincial || user.grants.some((g) => g.orgCode !== NATION);
}

export function navigationFor(user: Me | undefined): NavigationItem[] {
  return NAVIGATION.filter((item) => mayOpen(item, user));
}

/**
 * Where a signed-in user starts: their own work first (a reviewer's queue, a publisher's
 * releases), else the versions, else the first screen they may open; undefined when none.
 */
export function homeScreen(user: Me | undefined): ScreenName | undefined {
  const open = navigationFor(user).map((item) => item.name);
  return (['review', 'releases', 'versions'] as const).find((n) => open.includes(n)) ?? open[0];
}
