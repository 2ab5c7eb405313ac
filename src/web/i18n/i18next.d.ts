import type { zhCN } from './zh-CN';

// Typed translation keys: `t('users.title')` is checked against the zh-CN resource.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
