import { createRouter, createWebHistory, type RouteLocationRaw } from 'vue-router';
import { session, setSignInNavigator } from '../../runtime/app/session/session.js';
import { homeScreen, mayOpen, NAVIGATION, type ScreenName } from './navigation.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (the sign-in screen). */
    public?: boolean;
    /** The navigation entry whose permissions the screen needs. */
    screen?: ScreenName;
  }
}

/** Where a signed-in user starts: their own work, else the no-access page. */
export function homeFor(): RouteLocationRaw {
  return { name: homeScreen(session.user) ?? 'noAccess' };
}

const screen = (name: ScreenName) => NAVIGATION.find((item) => item.name === name)!;

export const router = createRouter({
  history: createWebHistory('/designer/'),
  routes: [
    {
      path: '/signin',
      name: 'signIn',
      component: () => import('./screens/signIn/SignInScreen.vue'),
      meta: { public: true },
    },
    {
      path: '/',
      component: () => import('./shell/DesignerShell.vue'),
      children: [
        // Resolved by the guard below, once the session is known: never rendered itself.
        {
          path: '',
          name: 'home',
          component: () => import('./screens/notices/NoAccessScreen.vue'),
        },
        {
          path: screen('forms').path,
          name: 'forms',
          component: () => import('./screens/formDesigner/FormDesignerScreen.vue'),
          meta: { screen: 'forms' },
        },
        {
          path: screen('codeTables').path,
          name: 'codeTables',
          component: () => import('./screens/codeTables/CodeTablesScreen.vue'),
          meta: { screen: 'codeTables' },
        },
        {
          path: screen('workflows').path,
          name: 'workflows',
          component: () => import('./screens/workflowModeler/WorkflowModelerScreen.vue'),
          meta: { screen: 'workflows' },
        },
        {
          path: screen('overlays').path,
          name: 'overlays',
          component: () => import('./screens/overlayEditor/OverlayEditorScreen.vue'),
          meta: { screen: 'overlays' },
        },
        {
          path: 'versions',
          name: 'versions',
          component: () => import('./screens/versions/VersionsScreen.vue'),
          meta: { screen: 'versions' },
        },
        {
          path: 'versions/:kind(spec|overlay)/:versionKey/:version',
          name: 'version',
          component: () => import('./screens/version/VersionScreen.vue'),
          props: true,
          meta: { screen: 'versions' },
        },
        {
          path: 'review',
          name: 'review',
          component: () => import('./screens/review/ReviewScreen.vue'),
          meta: { screen: 'review' },
        },
        {
          path: 'releases',
          name: 'releases',
          component: () => import('./screens/releases/ReleasesScreen.vue'),
          meta: { screen: 'releases' },
        },
        {
          path: screen('migrations').path,
          name: 'migrations',
          component: () => import('./screens/migrations/DataMigrationsScreen.vue'),
          meta: { screen: 'migrations' },
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

/** No session: to sign-in, remembering where the user was going. Not their role: home. */
router.beforeEach((to) => {
  if (to.meta.public) return true;
  if (!session.token) {
    return { name: 'signIn', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  }
  if (to.name === 'home') return homeFor();
  if (to.meta.screen && !mayOpen(screen(to.meta.screen), session.user)) return homeFor();
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

/** Where to go after signing in: the remembered route when it is one of the designer's, else home. */
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
