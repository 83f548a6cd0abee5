import 'element-plus/dist/index.css';
import './styles.css';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n, initialLocale, setLocale } from './i18n/index.js';
import { registerServiceWorker } from './offline/serviceWorker.js';
import { router } from './router.js';
import { refreshUser } from './session/auth.js';

/**
 * The frontline app: the language first (lazily loaded, so the first screen is already in it),
 * then the router; a restored session is checked with the engine in the background (a 401 ends
 * it and the user is on the sign-in screen). Once the app is up, a production build registers its
 * service worker (the offline shell).
 */
async function start() {
  await setLocale(initialLocale());
  const app = createApp(App);
  app.use(i18n);
  app.use(router);
  app.mount('#app');
  await router.isReady();
  void refreshUser().catch(() => undefined);
  if (import.meta.env.PROD) registerServiceWorker();
}

void start();
