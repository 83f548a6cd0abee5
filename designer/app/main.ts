import 'element-plus/dist/index.css';
import '../../runtime/app/styles.css';
import './styles.css';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n, initialLocale, setLocale } from './i18n/index.js';
import { router } from './router.js';
import { refreshUser } from '../../runtime/app/session/auth.js';

/**
 * The designer: the language first (lazily loaded, so the first screen is already in it), then
 * the router; a restored session is checked with the engine in the background (a 401 ends it and
 * the user is on the sign-in screen). No service worker: the designer is used online.
 */
async function start() {
  await setLocale(initialLocale());
  const app = createApp(App);
  app.use(i18n);
  app.use(router);
  app.mount('#app');
  await router.isReady();
  void refreshUser().catch(() => undefined);
}

void start();
