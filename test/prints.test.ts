import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseDate } from '../src/domain/calendar.js';
import { as, makeHome, type Session, signInCast, startTestApp, type TestApp } from './helpers.js';
import { printed } from './pdf.js';

let t: TestApp;
let dongsheng: Session;
let wushen: Session;

beforeAll(async () => {
  t = await startTestApp();
  ({ dongsheng, wushen } = await signInCast(t));
});
afterAll(() => t.close());

const call = (s: Session | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  as(t.app, s)({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

describe('the evaluation notice (通报)', () => {
  const YEAR = new Date().getUTCFullYear() - 1;
  let roundId: string;
  const homeIds: string[] = [];

  beforeAll(async () => {
    for (const name of ['通报测试一号委员之家', '通报测试二号委员工作室']) {
      const home = await makeHome(t.db, {
        name,
        kind: 'township',
        level: 'district',
        ownerUnitId: 'district-150602',
        regionCode: '150602001',
        plaqueAwardedOn: `${YEAR - 1}-05-01`,
      });
      homeIds.push(home.id);
    }
    const res = await call(dongsheng, 'POST', '/evaluation-rounds', {
      year: YEAR,
      level: 'district',
      ownerUnitId: 'district-150602',
    });
    expect(res.statusCode).toBe(201);
    roundId = res.json().id;
  });

  it('is not printed before the results are published', async () => {
    const res = await call(dongsheng, 'GET', `/evaluation-rounds/${roundId}/notice.pdf`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('尚未公布');
  });

  it('prints the document number, the issuing unit and date, the ranking and 特此通报 on A4', async () => {
    for (const action of ['start_review', 'confirm']) {
      expect(
        (await call(dongsheng, 'POST', `/evaluation-rounds/${roundId}/transitions`, { action })).statusCode,
      ).toBe(200);
    }
    const commended = await call(dongsheng, 'PUT', `/evaluation-rounds/${roundId}/commendations`, {
      homeIds: [homeIds[0]],
      memberIds: [],
    });
    expect(commended.statusCode).toBe(200);
    const published = await call(dongsheng, 'POST', `/evaluation-rounds/${roundId}/transitions`, {
      action: 'publish',
      documentNumber: `东政协办发〔${YEAR + 1}〕7号`,
    });
    expect(published.statusCode).toBe(200);
    const publication = (await call(dongsheng, 'GET', `/evaluation-rounds/${roundId}/publication`)).json();
    expect(publication.documentNumber).toBe(`东政协办发〔${YEAR + 1}〕7号`);

    const pdf = printed(await call(dongsheng, 'GET', `/evaluation-rounds/${roundId}/notice.pdf`));
    expect(pdf).toMatchObject({ width: 210, height: 297 });
    const text = pdf.text.replace(/\s+/g, '');
    expect(text).toContain(`东政协办发〔${YEAR + 1}〕7号`);
    expect(text).toContain(`关于${YEAR}年度委员之家（委员工作室）评价结果的通报`);
    expect(text).toContain('通报测试一号委员之家');
    expect(text).toContain('特此通报。');
    // the issuing unit and the publication date at the foot
    expect(text).toContain(`东胜区政协${chineseDate(publication.publishedAt)}`);
  });

  it('prints a certificate (荣誉证书) for each commended home, one A4 landscape page each', async () => {
    const pdf = printed(await call(dongsheng, 'GET', `/evaluation-rounds/${roundId}/certificates.pdf`));
    expect(pdf).toMatchObject({ pages: 1, width: 297, height: 210 });
    const text = pdf.text.replace(/\s+/g, '');
    expect(text).toContain('荣誉证书');
    expect(text).toContain('通报测试一号委员之家：');
    expect(text).not.toContain('通报测试二号委员工作室');
    expect(text).toContain('特发此证');
    expect(text).toContain('东胜区政协');
    const one = printed(
      await call(dongsheng, 'GET', `/evaluation-rounds/${roundId}/certificates.pdf?homeId=${homeIds[0]}`),
    );
    expect(one.pages).toBe(1);
    const notCommended = await call(
      dongsheng,
      'GET',
      `/evaluation-rounds/${roundId}/certificates.pdf?homeId=${homeIds[1]}`,
    );
    expect(notCommended.statusCode).toBe(409);
    expect(notCommended.json().error.message).toContain('不在本次表彰名单中');
  });

  it('is not shown to a district outside the round', async () => {
    for (const print of ['notice.pdf', 'certificates.pdf']) {
      const res = await call(wushen, 'GET', `/evaluation-rounds/${roundId}/${print}`);
      expect([403, 404]).toContain(res.statusCode);
      expect(res.headers['content-type']).toContain('application/json');
    }
    expect((await call(null, 'GET', `/evaluation-rounds/${roundId}/notice.pdf`)).statusCode).toBe(401);
  });
});
