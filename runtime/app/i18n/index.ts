import { useMessages } from './locales.js';

/**
 * The frontline app's languages: its own message files (zh-CN, the default, and en), on the
 * language machinery it shares with the designer (locales.ts).
 */
useMessages({
  'zh-CN': () => import('./messages/zh-CN.js'),
  en: () => import('./messages/en.js'),
});

export {
  currentLocale,
  DEFAULT_LOCALE,
  elementLocale,
  i18n,
  initialLocale,
  isAppLocale,
  LOCALES,
  setLocale,
  type AppLocale,
} from './locales.js';
export type { AppMessages } from './messages/zh-CN.js';
