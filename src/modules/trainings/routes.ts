import { z } from 'zod';
import { trainingCertificatesPdf } from '../../print/certificate.js';
import { listExportRoute } from '../../server/export.js';
import { errorBody, idParams, paged, whoOf } from '../../server/http.js';
import { sendPdf } from '../../server/print.js';
import type { FileStorage } from '../../server/storage.js';
import type { App } from '../../server/types.js';
import { readUpload } from '../../server/upload.js';
import { certificateTranslations } from '../translations/service.js';
import { trainingColumns } from './excel.js';
import {
  attendanceBody,
  certificateParams,
  checkinParams,
  createTrainingBody,
  enrolmentsBody,
  enrolSelfBody,
  training,
  trainingSummary,
  trainingsQuery,
  updateTrainingBody,
} from './schema.js';
import {
  addMaterial,
  certificateOf,
  certificatesOf,
  checkInTraining,
  createTraining,
  enrolSelf,
  getTraining,
  listTrainings,
  markAttendance,
  setEnrolments,
  traineeCandidates,
  updateTraining,
  withdrawSelf,
} from './service.js';

/** 培训 (R23): sessions for home staff and directors, enrolment (also by the trainee), attendance, materials, certificates. */
export function trainingRoutes(app: App, storage: FileStorage): void {
  const tags = ['培训'];
  const read = { ability: 'training.read' } as const;
  const manage = { ability: 'training.manage' } as const;
  const enrolSelfAbility = { ability: 'training.enrol_self' } as const;
  const errors = { 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

  app.get(
    '/trainings',
    {
      config: read,
      schema: {
        tags,
        summary:
          '培训列表（组织的、本人报名的、对本人开放报名的）；enrolment=mine 本人报名的，open 可报名且未开始的',
        querystring: trainingsQuery,
        response: { 200: paged(trainingSummary) },
      },
    },
    async (request) => listTrainings(app.db, request.actor!, request.query),
  );
  listExportRoute(app, {
    url: '/trainings/export.xlsx',
    config: read,
    tags,
    summary: '导出培训列表（Excel，条件同列表，范围内的全部）',
    querystring: trainingsQuery.omit({ page: true, pageSize: true }),
    filename: (query) => (query.year ? `${query.year}年度培训.xlsx` : '培训.xlsx'),
    sheet: '培训',
    columns: () => trainingColumns,
    page: (request, query, page, pageSize) =>
      listTrainings(app.db, request.actor!, { ...query, page, pageSize }),
  });
  app.post(
    '/trainings',
    {
      config: manage,
      schema: {
        tags,
        summary:
          '组织培训（市政协办公室或旗区政协）；audience 报名范围：invited 仅组织单位指定、members 本地区委员、all 本地区委员和工作人员；capacity 名额',
        body: createTrainingBody,
        response: { 201: training, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createTraining(app.db, whoOf(request), request.body)),
  );
  app.get(
    '/trainings/candidates',
    {
      config: manage,
      schema: {
        tags,
        summary:
          '可报名的人员（办公室：全部账号；旗区政协：本旗区委员、委员之家负责人和工作人员），按姓名查找',
        querystring: z.object({ q: z.string().trim().max(50).optional() }),
        response: {
          200: z.array(
            z.object({ userId: z.string(), displayName: z.string(), memberName: z.string().nullable() }),
          ),
        },
      },
    },
    async (request) => traineeCandidates(app.db, request.actor!, request.query.q),
  );

  app.get(
    '/trainings/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '培训详情（组织单位可见报名、出席和签到码）',
        params: idParams,
        response: { 200: training, 404: errorBody },
      },
    },
    async (request) => getTraining(app.db, request.actor!, request.params.id),
  );
  app.patch(
    '/trainings/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改培训（含举办、取消）',
        params: idParams,
        body: updateTrainingBody,
        response: { 200: training, ...errors },
      },
    },
    async (request) => updateTraining(app.db, whoOf(request), request.params.id, request.body),
  );
  app.put(
    '/trainings/:id/enrolments',
    {
      config: manage,
      schema: {
        tags,
        summary: '设置报名人员（保留者的出席记录不变；组织单位可超出名额）',
        params: idParams,
        body: enrolmentsBody,
        response: { 200: training, ...errors },
      },
    },
    async (request) => setEnrolments(app.db, whoOf(request), request.params.id, request.body.userIds),
  );
  app.post(
    '/trainings/:id/attendance',
    {
      config: manage,
      schema: {
        tags,
        summary: '登记或取消出席',
        params: idParams,
        body: attendanceBody,
        response: { 200: training, ...errors },
      },
    },
    async (request) =>
      markAttendance(app.db, whoOf(request), request.params.id, request.body.userId, request.body.attended),
  );
  app.post(
    '/training-checkin/:code',
    {
      config: { ability: 'training.check_in' },
      schema: {
        tags,
        summary: '学员凭签到码签到（开始前 1 小时至结束）',
        params: checkinParams,
        response: { 200: training, ...errors },
      },
    },
    async (request) => checkInTraining(app.db, whoOf(request), request.params.code),
  );
  app.post(
    '/trainings/:id/materials',
    {
      config: manage,
      schema: {
        tags,
        summary: '上传培训材料（文件经 GET /attachments/:id 下载）',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: {
          201: z.object({
            id: z.string(),
            filename: z.string(),
            contentType: z.string(),
            size: z.number(),
            createdAt: z.date(),
          }),
          ...errors,
          413: errorBody,
        },
      },
    },
    async (request, reply) => {
      const file = await readUpload(request);
      return reply
        .status(201)
        .send(await addMaterial(app.db, storage, whoOf(request), request.params.id, file));
    },
  );
  app.post(
    '/trainings/:id/enrolments/me',
    {
      config: enrolSelfAbility,
      schema: {
        tags,
        summary: '本人报名（培训对本人开放、未开始、尚有名额）',
        params: idParams,
        body: enrolSelfBody,
        response: { 200: training, ...errors },
      },
    },
    async (request) => enrolSelf(app.db, whoOf(request), request.params.id),
  );
  app.delete(
    '/trainings/:id/enrolments/me',
    {
      config: enrolSelfAbility,
      schema: {
        tags,
        summary: '本人取消报名（本人报名的、未签到、培训开始前）',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await withdrawSelf(app.db, whoOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/trainings/:id/certificates.pdf',
    {
      config: read,
      schema: {
        tags,
        summary: '全部培训证明（PDF，A4 横向，每名出勤学员一页，按姓名排序；组织单位，培训结束后）',
        params: idParams,
        response: { 403: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const { title, certificates } = await certificatesOf(app.db, request.actor!, request.params.id);
      return sendPdf(
        reply,
        `${title}-培训证明.pdf`,
        await trainingCertificatesPdf(
          certificates,
          `${title} 培训证明`,
          (await certificateTranslations(app.db)).training,
        ),
      );
    },
  );
  app.get(
    '/trainings/:id/certificates/:userId.pdf',
    {
      config: read,
      schema: {
        tags,
        summary: '培训证明（PDF，A4 横向；学员本人或组织单位；培训结束且已登记出勤）',
        params: certificateParams,
        response: { 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const certificate = await certificateOf(
        app.db,
        request.actor!,
        request.params.id,
        request.params.userId,
      );
      return sendPdf(
        reply,
        `培训证明-${certificate.name}.pdf`,
        await trainingCertificatesPdf(
          [certificate],
          `培训证明 ${certificate.name}`,
          (await certificateTranslations(app.db)).training,
        ),
      );
    },
  );
}
