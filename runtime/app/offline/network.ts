import { readonly, ref } from 'vue';

/**
 * Whether the device has a network link, as the browser knows it (`navigator.onLine` and its
 * `online` / `offline` events): false means surely offline; true means a link, not that the
 * engine answers (a request can still fail, and says so).
 */
const state = ref(globalThis.navigator?.onLine ?? true);

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    state.value = true;
  });
  window.addEventListener('offline', () => {
    state.value = false;
  });
}

/** Reactive: `online.value` follows the link. */
export const online = readonly(state);
