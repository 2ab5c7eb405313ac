import { errorBody, paged, whoOf } from '../../server/http.js';
import type { App } from '../../server/types.js';
import {
  mongolianName,
  mongolianStrings,
  mongolianStringsQuery,
  nameParams,
  namesQuery,
  saveNameBody,
  saveTranslationBody,
  translation,
  translationKeyParams,
  translationsQuery,
} from './schema.js';
import { listNames, listTranslations, mongolianStringsOf, saveName, saveTranslation } from './service.js';

/** 蒙古文译文: the translators' workbench — the product's strings and the names, with their review state. */
export function translationRoutes(app: App): void {
  const tags = ['蒙古文译文'];
  const read = { ability: 'translation.read' } as const;
  const edit = { ability: 'translation.edit' } as const;

  app.get(
    '/translations',
    {
      config: read,
      schema: {
        tags,
        summary: '界面文字及其蒙古文译文（按审校状态、范围筛选，按中文或蒙古文搜索）',
        querystring: translationsQuery,
        response: { 200: paged(translation) },
      },
    },
    async (request) => listTranslations(app.db, request.query),
  );

  app.get(
    '/translations/mn',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '一个范围（如委员手机页面）的蒙古文界面文字，供页面使用；附尚未审校的条数',
        querystring: mongolianStringsQuery,
        response: { 200: mongolianStrings },
      },
    },
    async (request, reply) => {
      // a correction shows within a minute, without a release
      reply.header('cache-control', 'public, max-age=60');
      return mongolianStringsOf(app.db, request.query.area);
    },
  );

  app.put(
    '/translations/:key',
    {
      config: edit,
      schema: {
        tags,
        summary: '写入或更正一条界面文字的蒙古文译文（草稿或已审校），即时生效',
        params: translationKeyParams,
        body: saveTranslationBody,
        response: { 200: translation, 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => saveTranslation(app.db, whoOf(request), request.params.key, request.body),
  );

  app.get(
    '/translations/names',
    {
      config: read,
      schema: {
        tags,
        summary: '行政区划、组织单位和委员之家的蒙古文名称及其审校状态',
        querystring: namesQuery,
        response: { 200: paged(mongolianName) },
      },
    },
    async (request) => listNames(app.db, request.query),
  );

  app.put(
    '/translations/names/:kind/:id',
    {
      config: edit,
      schema: {
        tags,
        summary: '写入、更正或清除一个蒙古文名称，并标记是否已审校',
        params: nameParams,
        body: saveNameBody,
        response: { 200: mongolianName, 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (request) => saveName(app.db, whoOf(request), request.params.kind, request.params.id, request.body),
  );
}
