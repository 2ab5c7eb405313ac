import type { PartialTranslationResource } from './zh-CN';

// Mongolian (mn) — placeholder for the planned second UI language.
// Fill in keys with the same structure as ./zh-CN.ts; any key left out falls back to zh-CN.
// Once it is complete, type it as `TranslationResource` instead so missing keys become compile errors.
export const mn: PartialTranslationResource = {};
