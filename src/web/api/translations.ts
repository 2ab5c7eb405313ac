import { call, client } from './client';
import type { Body } from './types';

/** React Query keys of the translators' lists: invalidate after a save. */
export const TRANSLATIONS_KEY = 'translations';
export const MONGOLIAN_NAMES_KEY = 'mongolian-names';

export const saveTranslation = (key: string, body: Body<'/translations/{key}', 'put'>) =>
  call(client.PUT('/translations/{key}', { params: { path: { key } }, body }));

export const saveMongolianName = (
  kind: 'region' | 'org_unit' | 'home',
  id: string,
  body: Body<'/translations/names/{kind}/{id}', 'put'>,
) => call(client.PUT('/translations/names/{kind}/{id}', { params: { path: { kind, id } }, body }));
