import { z } from 'zod';
import { listExportRoute } from '../../server/export.js';
import { errorBody, idParams, paged, publicOrigin, whoOf } from '../../server/http.js';
import type { FileStorage } from '../../server/storage.js';
import type { App } from '../../server/types.js';
import { readUpload } from '../../server/upload.js';
import { referenceNames } from '../regions/service.js';
import { activityColumns } from './excel.js';
import { createDutyShift, listDutyShifts, updateDutyShift } from './rota.js';
import {
  activity,
  checkinInfo as checkinInfoSchema,
  checkinInput,
  checkinResult,
  codeParams,
  createActivityBody,
  createDutyShiftBody,
  dutyShift,
  dutyShiftsQuery,
  listActivitiesQuery,
  photo,
  updateActivityBody,
  updateDutyShiftBody,
} from './schema.js';
import {
  addPhoto,
  checkIn,
  checkinInfo,
  checkinQrSvg,
  createActivity,
  getActivityDetail,
  homeCalendar,
  listActivities,
  listPhotos,
  updateActivity,
} from './service.js';

export function activitiesRoutes(app: App, storage: FileStorage): void {
  const tags = ['活动'];
  const read = { ability: 'activity.read' } as const;
  const write = { ability: 'activity.create' } as const;

  app.get(
    '/activities',
    {
      config: read,
      schema: {
        tags,
        summary: '活动列表（承办委员之家在权限范围内）；给出 from 时按开始时间正序，供日历使用',
        querystring: listActivitiesQuery,
        response: { 200: paged(activity), 400: errorBody },
      },
    },
    async (request) => listActivities(app.db, request.actor!, request.query),
  );

  listExportRoute(app, {
    url: '/activities/export.xlsx',
    config: read,
    tags,
    summary: '导出活动列表（Excel，条件同列表，范围内的全部）',
    querystring: listActivitiesQuery.omit({ page: true, pageSize: true }),
    filename: '活动.xlsx',
    sheet: '活动',
    columns: async () => activityColumns(await referenceNames(app.db)),
    page: (request, query, page, pageSize) =>
      listActivities(app.db, request.actor!, { ...query, page, pageSize }),
  });

  app.post(
    '/activities',
    {
      config: write,
      schema: {
        tags,
        summary: '安排活动（须负责每一个承办的委员之家），生成签到码',
        body: createActivityBody,
        response: { 201: activity, 400: errorBody, 403: errorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createActivity(app.db, whoOf(request), request.body)),
  );

  app.get(
    '/activities/:id',
    {
      config: read,
      schema: { tags, summary: '活动详情', params: idParams, response: { 200: activity, 404: errorBody } },
    },
    async (request) => getActivityDetail(app.db, request.actor!, request.params.id),
  );

  app.patch(
    '/activities/:id',
    {
      config: { ability: 'activity.update' },
      schema: {
        tags,
        summary: '修改活动、标记已举办或取消、登记出勤（attendeeMemberIds 为完整名单）',
        params: idParams,
        body: updateActivityBody,
        response: { 200: activity, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => updateActivity(app.db, whoOf(request), request.params.id, request.body),
  );

  app.get(
    '/activities/:id/photos',
    {
      config: read,
      schema: {
        tags,
        summary: '活动照片（文件经 GET /attachments/:id 下载）',
        params: idParams,
        response: { 200: z.array(photo), 404: errorBody },
      },
    },
    async (request) => listPhotos(app.db, request.actor!, request.params.id),
  );

  app.post(
    '/activities/:id/photos',
    {
      config: { ability: 'activity.update' },
      schema: {
        tags,
        summary: '上传活动照片（按内容识别图片，长边缩至 1600 像素以内，存为 JPEG）',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: {
          201: photo,
          400: errorBody,
          403: errorBody,
          404: errorBody,
          409: errorBody,
          413: errorBody,
        },
      },
    },
    async (request, reply) => {
      const file = await readUpload(request);
      return reply.status(201).send(await addPhoto(app.db, storage, whoOf(request), request.params.id, file));
    },
  );

  app.get(
    '/activities/:id/qr.svg',
    {
      config: read,
      schema: { tags, summary: '签到二维码（SVG，指向 /checkin/<签到码>）', params: idParams },
    },
    async (request, reply) => {
      const origin = publicOrigin(request);
      const svg = await checkinQrSvg(app.db, request.actor!, request.params.id, origin);
      return reply.type('image/svg+xml').header('cache-control', 'private, max-age=300').send(svg);
    },
  );

  app.get(
    '/checkin/:code',
    {
      config: { access: 'public', limit: 'public' },
      schema: {
        tags,
        summary: '签到页信息（无需登录；已登录的委员可看到是否已签到）',
        params: codeParams,
        response: { 200: checkinInfoSchema, 404: errorBody },
      },
    },
    async (request) => checkinInfo(app.db, request.actor, request.params.code),
  );

  app.post(
    '/checkin/:code',
    {
      config: { access: 'authenticated', limit: 'public' },
      schema: {
        tags,
        summary:
          '委员扫码签到（活动开始前 1 小时至结束；离线时保存的签到联网后提交，带 at：点击签到的时间，24 小时内）',
        params: codeParams,
        // no body at all: checked in now
        body: checkinInput.nullish(),
        response: { 201: checkinResult, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await checkIn(app.db, whoOf(request), request.params.code, request.body ?? {})),
  );

  app.get(
    '/homes/:id/calendar.ics',
    {
      config: { access: 'public', limit: 'public' },
      schema: {
        tags,
        summary: '委员之家活动日历订阅（iCalendar，无需登录；仅运行中或暂停的委员之家）',
        params: idParams,
      },
    },
    async (request, reply) => {
      const ics = await homeCalendar(app.db, request.params.id);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="calendar.ics"')
        .header('cache-control', 'public, max-age=300')
        .send(ics);
    },
  );

  // Duty rota (委员值班)

  app.get(
    '/homes/:id/duty-shifts',
    {
      config: read,
      schema: {
        tags,
        summary: '值班安排（与 from–to 有交叠的班次，按开始时间）',
        params: idParams,
        querystring: dutyShiftsQuery,
        response: { 200: z.array(dutyShift), 404: errorBody },
      },
    },
    async (request) => listDutyShifts(app.db, request.actor!, request.params.id, request.query),
  );

  app.post(
    '/homes/:id/duty-shifts',
    {
      config: { ability: 'rota.manage' },
      schema: {
        tags,
        summary: '安排值班（同一委员在任何委员之家的班次不得重叠）',
        params: idParams,
        body: createDutyShiftBody,
        response: { 201: dutyShift, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createDutyShift(app.db, whoOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/duty-shifts/:id',
    {
      config: { ability: 'rota.manage' },
      schema: {
        tags,
        summary: '登记值班情况：served（生成已举办的委员值班日活动）、missed 或 cancelled',
        params: idParams,
        body: updateDutyShiftBody,
        response: { 200: dutyShift, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request) => updateDutyShift(app.db, whoOf(request), request.params.id, request.body),
  );
}
