import { computed, ref, watch } from 'vue';
import { api, ok } from '../api/index.js';
import { currentLocale, i18n } from '../i18n/index.js';
import { online } from '../offline/network.js';
import { session } from '../session/session.js';

interface Unit {
  code: string;
  name: string;
  nameEn: string;
}

const unit = ref<Unit | undefined>();

/**
 * The signed-in user's institution, named in the current language. The engine serves the org
 * tree whole (GET /api/org-units); it is read once per signed-in user, after the shell is shown,
 * and again when the network returns if it could not be read (a shell opened offline).
 */
export function useInstitution() {
  watch(
    () => [session.user?.orgCode, online.value] as const,
    async ([code]) => {
      if (!code) {
        unit.value = undefined;
        return;
      }
      if (unit.value?.code === code) return;
      try {
        const { units } = await ok(api.GET('/api/org-units'));
        unit.value = units.find((u) => u.code === code);
      } catch {
        // The header shows the code instead; the screens report their own errors.
        unit.value = undefined;
      }
    },
    { immediate: true },
  );
  return computed(() => {
    // Read the locale reactively so the name follows the language switch.
    void i18n.global.locale.value;
    if (!unit.value) return session.user?.orgCode ?? '';
    return currentLocale() === 'en' ? unit.value.nameEn : unit.value.name;
  });
}
