import { shallowRef, type ShallowRef } from 'vue';
import { ApiError } from '../api/index.js';

/** What a screen shows while it loads (STYLE #15: a typed union, not three booleans). */
export type Resource<T> =
  { state: 'loading' } | { state: 'success'; data: T } | { state: 'failure'; error: ApiError };

/**
 * Loads `fetcher`'s data into a Resource; `reload` runs it again. A reload that finishes after a
 * newer one is dropped, so a slow answer never overwrites a fresh one.
 */
export function useResource<T>(
  fetcher: () => Promise<T>,
  options: { immediate?: boolean } = {},
): { resource: ShallowRef<Resource<T>>; reload: () => Promise<void> } {
  const resource = shallowRef<Resource<T>>({ state: 'loading' });
  let latest = 0;
  async function reload() {
    const run = ++latest;
    resource.value = { state: 'loading' };
    try {
      const data = await fetcher();
      if (run === latest) resource.value = { state: 'success', data };
    } catch (error) {
      if (run === latest) {
        resource.value = {
          state: 'failure',
          error: error instanceof ApiError ? error : ApiError.network(error),
        };
      }
    }
  }
  if (options.immediate ?? true) void reload();
  return { resource, reload };
}
