import { createRouter, createWebHistory, type RouteLocationRaw } from 'vue-router';
import { hasPermission, session, setSignInNavigator } from './session/session.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (the sign-in screen). */
    public?: boolean;
    /** The engine permission the screen's data needs; without it the screen is not offered. */
    permission?: string;
  }
}

/** The screens of the navigation, in its order, with the permission each needs. */
export const NAVIGATION = [
  { name: 'worklist', path: 'worklist', permission: 'records.read' },
  { name: 'residents', path: 'residents', permission: 'records.read' },
  { name: 'tasks', path: 'tasks', permission: 'tasks.work' },
  { name: 'drafts', path: 'drafts', permission: 'records.capture' },
  { name: 'reports', path: 'reports', permission: 'reports.read' },
] as const;

/** Where a signed-in user starts: the first screen they may use, else the no-access page. */
export function homeFor(): RouteLocationRaw {
  const first = NAVIGATION.find((item) => hasPermission(item.permission));
  return { name: first?.name ?? 'noAccess' };
}

export const router = createRouter({
  history: createWebHistory('/app/'),
  routes: [
    {
      path: '/signin',
      name: 'signIn',
      component: () => import('./screens/signIn/SignInScreen.vue'),
      meta: { public: true },
    },
    {
      path: '/',
      component: () => import('./shell/AppShell.vue'),
      children: [
        // Resolved by the guard below, once the session is known: never rendered itself.
        {
          path: '',
          name: 'home',
          component: () => import('./screens/notices/NoAccessScreen.vue'),
        },
        {
          path: 'worklist',
          name: 'worklist',
          component: () => import('./screens/worklist/WorklistScreen.vue'),
          meta: { permission: 'records.read' },
        },
        {
          path: 'residents',
          name: 'residents',
          component: () => import('./screens/residents/ResidentsScreen.vue'),
          meta: { permission: 'records.read' },
        },
        {
          path: 'residents/new',
          name: 'registerResident',
          component: () => import('./screens/residents/RegisterResidentScreen.vue'),
          meta: { permission: 'records.capture' },
        },
        {
          path: 'residents/:id',
          name: 'resident',
          component: () => import('./screens/residents/ResidentScreen.vue'),
          props: true,
          meta: { permission: 'records.read' },
        },
        {
          path: 'residents/:id/forms/:formKey',
          name: 'visitForm',
          component: () => import('./screens/visit/VisitFormScreen.vue'),
          props: true,
          meta: { permission: 'records.capture' },
        },
        {
          path: 'submissions/:id',
          name: 'submission',
          component: () => import('./screens/visit/SubmissionScreen.vue'),
          props: true,
          meta: { permission: 'records.read' },
        },
        {
          path: 'submissions/:id/print',
          name: 'submissionPrint',
          component: () => import('./screens/print/PrintScreen.vue'),
          props: true,
          meta: { permission: 'records.read' },
        },
        {
          path: 'tasks',
          name: 'tasks',
          component: () => import('./screens/tasks/TasksScreen.vue'),
          meta: { permission: 'tasks.work' },
        },
        {
          path: 'tasks/:id',
          name: 'task',
          component: () => import('./screens/tasks/TaskScreen.vue'),
          props: true,
          meta: { permission: 'tasks.work' },
        },
        {
          path: 'drafts',
          name: 'drafts',
          component: () => import('./screens/drafts/DraftsScreen.vue'),
          meta: { permission: 'records.capture' },
        },
        {
          path: 'reports',
          name: 'reports',
          // Lazily, like every screen: ECharts is in this screen's chunks only.
          component: () => import('./screens/reports/ReportsScreen.vue'),
          meta: { permission: 'reports.read' },
        },
        {
          path: 'no-access',
          name: 'noAccess',
          component: () => import('./screens/notices/NoAccessScreen.vue'),
        },
        {
          path: ':pathMatch(.*)*',
          name: 'notFound',
          component: () => import('./screens/notices/NotFoundScreen.vue'),
        },
      ],
    },
  ],
});

/** No session: to sign-in, remembering where the user was going. No permission: not offered. */
router.beforeEach((to) => {
  if (to.meta.public) return true;
  if (!session.token) {
    return { name: 'signIn', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  }
  if (to.name === 'home') return homeFor();
  if (to.meta.permission && !hasPermission(to.meta.permission)) return homeFor();
  return true;
});

setSignInNavigator(async (reason) => {
  const current = router.currentRoute.value;
  const back = current.meta.public ? undefined : current.fullPath;
  await router.replace({
    name: 'signIn',
    query: { reason, ...(reason === 'expired' && back ? { redirect: back } : {}) },
  });
});

/** Where to go after signing in: the remembered route when it is one of the app's, else home. */
export function afterSignIn(redirect: unknown): RouteLocationRaw {
  if (typeof redirect === 'string' && redirect.startsWith('/') && !redirect.startsWith('//')) {
    const resolved = router.resolve(redirect);
    const nowhere = ['notFound', 'noAccess', 'home'];
    if (
      resolved.matched.length &&
      !nowhere.includes(String(resolved.name)) &&
      !resolved.meta.public
    ) {
      return resolved.fullPath;
    }
  }
  return homeFor();
}
