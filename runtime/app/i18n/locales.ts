import dayjs from 'dayjs';
import type { Language } from 'element-plus/es/locale/index.mjs';
import { shallowRef } from 'vue';
import { createI18n } from 'vue-i18n';

/**
 * The languages of Formwork's web apps and how they are switched, shared by the frontline app
 * (runtime/app/i18n/index.ts) and the designer (designer/app/i18n/index.ts): each app registers
 * its own message files with `useMessages` before the first `setLocale`. One app runs per page, so
 * this module's `i18n` is that app's.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'zh-CN';
const STORAGE_KEY = 'formwork.locale';

/** An app's message file for one language, loaded lazily. */
export type MessageLoader = () => Promise<{ default: object }>;

/**
 * Each language is three things loaded together, lazily, and switched together (STYLE #22):
 * the app's messages, Element Plus's locale (date pickers, pagination, empty tables) and
 * dayjs's (which Element Plus's date pickers also read).
 */
const libraries: Record<
  AppLocale,
  {
    element: () => Promise<{ default: Language }>;
    dayjs: () => Promise<unknown>;
    dayjsName: string;
  }
> = {
  'zh-CN': {
    element: () => import('element-plus/es/locale/lang/zh-cn.mjs'),
    dayjs: () => import('dayjs/locale/zh-cn.js'),
    dayjsName: 'zh-cn',
  },
  en: {
    element: () => import('element-plus/es/locale/lang/en.mjs'),
    // dayjs ships English built in.
    dayjs: () => Promise.resolve(),
    dayjsName: 'en',
  },
};

let messageLoaders: Record<AppLocale, MessageLoader> | undefined;

/** The app's own message files (call once, before the first `setLocale`). */
export function useMessages(loaders: Record<AppLocale, MessageLoader>): void {
  messageLoaders = loaders;
}

export const i18n = createI18n({
  legacy: false,
  locale: DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages: {},
  missingWarn: false,
  fallbackWarn: false,
});

/** Element Plus's locale for `<el-config-provider>`, switched with the app's. */
export const elementLocale = shallowRef<Language | undefined>();

const loaded = new Set<AppLocale>();

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language the user chose last time on this device, else Chinese. */
export function initialLocale(): AppLocale {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isAppLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** Loads a language (once) and switches the app, Element Plus and dayjs to it. */
export async function setLocale(locale: AppLocale): Promise<void> {
  if (!messageLoaders) throw new Error('useMessages() names the app’s message files first');
  const library = libraries[locale];
  const [messages, element] = await Promise.all([
    loaded.has(locale) ? undefined : messageLoaders[locale](),
    library.element(),
    library.dayjs(),
  ]);
  if (messages) {
    i18n.global.setLocaleMessage(locale, messages.default as Record<string, unknown>);
    loaded.add(locale);
  }
  i18n.global.locale.value = locale;
  elementLocale.value = element.default;
  dayjs.locale(library.dayjsName);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/** The current language. */
export function currentLocale(): AppLocale {
  return i18n.global.locale.value as AppLocale;
}
