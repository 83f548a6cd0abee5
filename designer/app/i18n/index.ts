import { useMessages } from '../../../runtime/app/i18n/locales.js';

/**
 * The designer's languages: its own message files (zh-CN, the default, and en) on the language
 * machinery it shares with the frontline app (runtime/app/i18n/locales.ts): Element Plus, dayjs
 * and the texts switch together, the choice kept per device.
 */
useMessages({
  'zh-CN': () => import('./messages/zh-CN.js'),
  en: () => import('./messages/en.js'),
});

export {
  currentLocale,
  elementLocale,
  i18n,
  initialLocale,
  setLocale,
  type AppLocale,
} from '../../../runtime/app/i18n/locales.js';
