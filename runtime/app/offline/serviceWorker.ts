/**
 * Registers the app's service worker (`sw.js`, written by the build beside index.html; source in
 * runtime/app/serviceWorker/), which caches the app shell so that a reload without network still
 * opens the app. Production builds only (Vite's dev server has no sw.js), once the page has
 * loaded, so that the worker's download of the whole build does not compete with the first
 * screen on a slow link. A browser without service workers, or a registration that fails, leaves
 * the app working online; the failure is logged, never shown as an error.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker
      .register(`${import.meta.env.BASE_URL}sw.js`, {
        scope: import.meta.env.BASE_URL,
        updateViaCache: 'none',
      })
      .catch((error: unknown) => {
        console.warn('The offline shell (service worker) could not be registered:', error);
      });
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
