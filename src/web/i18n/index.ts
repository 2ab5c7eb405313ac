import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { mn } from './mn';
import { zhCN } from './zh-CN';

export const DEFAULT_LANGUAGE = 'zh-CN';

/**
 * Languages of the UI. zh-CN is the default and the fallback for every missing key.
 *
 * To add Mongolian (`mn`) later:
 *  1. translate ./mn.ts (same keys as ./zh-CN.ts);
 *  2. add a language switcher that calls `i18n.changeLanguage('mn')` and also switches the antd
 *     locale in ../App.tsx (`ConfigProvider locale`) and the dayjs locale (`dayjs.locale(...)`);
 *  3. set `<html lang>` accordingly (done below on every language change).
 */
export const SUPPORTED_LANGUAGES = ['zh-CN', 'mn'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const resources = {
  'zh-CN': { translation: zhCN },
  mn: { translation: mn },
} as const;

dayjs.locale('zh-cn');

void i18n.use(initReactI18next).init({
  resources,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...SUPPORTED_LANGUAGES],
  interpolation: { escapeValue: false }, // React already escapes.
  returnNull: false,
  initAsync: false, // resources are bundled, so initialise synchronously before the first render.
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

export default i18n;
