import { computed, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { api, ok } from '../api/index.js';
import type { components } from '../api/schema.js';
import { programKey } from './programs.js';

export type Programme = components['schemas']['ProgramSummary'];

/**
 * The programmes the release serving the user offers (GET /api/programs: the national ones and
 * a province's own), read once per screen, and a programme's name in the interface language —
 * the release's title, else the app's own word for the national ones.
 */
export function useProgrammes() {
  const { t, locale } = useI18n();
  const programmes = shallowRef<Programme[]>([]);
  void ok(api.GET('/api/programs'))
    .then((found) => (programmes.value = found.programs))
    .catch(() => (programmes.value = []));
  const byId = computed(() => new Map(programmes.value.map((p) => [p.id, p])));
  const programmeName = (program: string) =>
    byId.value.get(program)?.title[locale.value === 'en' ? 'en' : 'zh'] ?? t(programKey(program));
  return { programmes, byId, programmeName };
}
