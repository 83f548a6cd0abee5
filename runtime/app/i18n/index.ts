import dayjs from 'dayjs';
import type { Language } from 'element-plus/es/locale/index.mjs';
import { shallowRef } from 'vue';
import { createI18n } from 'vue-i18n';
import type { AppMessages } from './messages/zh-CN.js';

/** The app's languages: Chinese first (the default), English as the switch. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'zh-CN';
const STORAGE_KEY = 'formwork.locale';

/**
 * Each language is three things loaded together, lazily, and switched together (STYLE #22):
 * the app's messages, Element Plus's locale (date pickers, pagination, empty tables) and
 * dayjs's (which Element Plus's date pickers also read).
 */
const loaders: Record<
  AppLocale,
  {
    messages: () => Promise<{ default: AppMessages }>;
    element: () => Promise<{ default: Language }>;
    dayjs: () => Promise<unknown>;
    dayjsName: string;
  }
> = {
  'zh-CN': {
    messages: () => import('./messages/zh-CN.js'),
    element: () => import('element-plus/es/locale/lang/zh-cn.mjs'),
    dayjs: () => import('dayjs/locale/zh-cn.js'),
    dayjsName: 'zh-cn',
  },
  en: {
    messages: () => import('./messages/en.js'),
    element: () => import('element-plus/es/locale/lang/en.mjs'),
    // dayjs ships English built in.
    dayjs: () => Promise.resolve(),
    dayjsName: 'en',
  },
};

export const i18n = createI18n<[AppMessages], AppLocale, false>({
  legacy: false,
  locale: DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages: {} as Record<AppLocale, AppMessages>,
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
  const loader = loaders[locale];
  const [messages, element] = await Promise.all([
    loaded.has(locale) ? undefined : loader.messages(),
    loader.element(),
    loader.dayjs(),
  ]);
  if (messages) {
    i18n.global.setLocaleMessage(locale, messages.default);
    loaded.add(locale);
  }
  i18n.global.locale.value = locale;
  elementLocale.value = element.default;
  dayjs.locale(loader.dayjsName);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/** The current language. */
export function currentLocale(): AppLocale {
  return i18n.global.locale.value;
}
