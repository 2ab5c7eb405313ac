import { sql } from 'kysely';
import { OPINION_STATUSES, type OpinionAction, type OpinionStatus } from '../../domain/opinion-workflow.js';
import type { Db } from '../../server/types.js';
import { mulberry32 } from './demo-homes.js';

/**
 * Demo opinions (社情民意) in every state, and a few citizens' problems, for the operating homes:
 * the `director` account finds some to accept and the `member` account some to draft. Runs once,
 * on a database with the demo homes and no opinions yet.
 */

const TOPICS: Array<[string, string]> = [
  ['牧区道路雨季难通行', '嘎查通往苏木的砂石路坑洼严重，雨季车辆无法通行，牧民出行和运送饲草料困难。'],
  ['社区缺少老年食堂', '小区老年人多，子女上班，希望社区开办老年助餐点，解决老人吃饭难。'],
  ['草原生态补奖发放慢', '今年草原生态保护补助奖励资金到账比往年晚，希望加快发放进度。'],
  ['学校周边交通拥堵', '上下学时段学校门口车辆乱停，存在安全隐患，建议设置临时停车区。'],
  ['冬季供暖温度不达标', '老旧小区供暖温度长期不足 18 度，多次反映未解决。'],
  ['农村快递进村难', '快递只送到镇上，村民取件要跑十几公里，希望推动快递进村。'],
  ['蒙汉双语标识不规范', '部分公共场所蒙古文标识书写不规范，建议统一校对。'],
  ['新能源重卡充电站不足', '运煤通道沿线充电站少，司机排队时间长。'],
  ['村卫生室缺少医生', '村卫生室只有一名乡村医生，常年超负荷，群众看病不便。'],
  ['城区停车位紧张', '老城区停车位不足，建议利用闲置地块建设公共停车场。'],
  ['羊绒收购价格波动大', '今年羊绒收购价格波动大，牧民收入不稳定，希望加强市场引导。'],
  ['沙化土地治理资金', '建议对牧户自主治理沙化土地给予补贴。'],
];

/** The steps that lead an opinion from received to `status`. */
function pathTo(status: OpinionStatus): OpinionAction[] {
  const decided: Partial<Record<OpinionStatus, OpinionAction>> = {
    adopted: 'adopt',
    forwarded: 'forward',
    instructed: 'instruct',
    not_adopted: 'decline',
  };
  const start: OpinionAction[] = ['accept', 'draft', 'submit'];
  switch (status) {
    case 'received':
      return [];
    case 'accepted':
      return ['accept'];
    case 'drafted':
      return ['accept', 'draft'];
    case 'submitted':
      return start;
    case 'replied':
      return [...start, 'adopt', 'reply'];
    case 'closed':
      return [...start, 'forward', 'reply', 'close'];
    default:
      return [...start, decided[status]!];
  }
}

const TO: Record<OpinionAction, OpinionStatus> = {
  accept: 'accepted',
  reassign: 'accepted',
  draft: 'drafted',
  submit: 'submitted',
  return: 'drafted',
  adopt: 'adopted',
  forward: 'forwarded',
  instruct: 'instructed',
  decline: 'not_adopted',
  reply: 'replied',
  dismiss: 'closed',
  close: 'closed',
};

export async function seedDemoOpinions(db: Db): Promise<boolean> {
  const [existing, director] = await Promise.all([
    db.selectFrom('opinions').select('id').limit(1).executeTakeFirst(),
    db
      .selectFrom('users')
      .innerJoin('userRoles', 'userRoles.userId', 'users.id')
      .select(['users.memberId', 'userRoles.scopeId'])
      .where('users.username', '=', 'director')
      .where('userRoles.role', '=', 'home_director')
      .executeTakeFirst(),
  ]);
  if (existing || !director?.scopeId) return false;
  const member = await db
    .selectFrom('users')
    .select('memberId')
    .where('username', '=', 'member')
    .executeTakeFirst();
  const homes = await db
    .selectFrom('homes')
    .select(['id', 'name', 'ownerUnitId', 'regionCode'])
    .where('status', '=', 'operating')
    .orderBy('name')
    .execute();
  if (homes.length === 0) return false;
  const homeMembers = await db
    .selectFrom('homeMembers')
    .select(['homeId', 'memberId'])
    .where(
      'homeId',
      'in',
      homes.map((h) => h.id),
    )
    .orderBy('memberId')
    .execute();

  const random = mulberry32(2021);
  const directorHome = homes.find((h) => h.id === director.scopeId) ?? homes[0]!;
  const plan: Array<{ home: (typeof homes)[number]; status: OpinionStatus; assignee: string | null }> = [];
  // the demo accounts' home: one to accept, one for the member to draft, one to reply to, one answered
  for (const status of ['received', 'accepted', 'adopted', 'replied'] as OpinionStatus[]) {
    plan.push({ home: directorHome, status, assignee: member?.memberId ?? null });
  }
  for (let i = 0; i < 36; i++) {
    const home = homes[Math.floor(random() * homes.length)]!;
    const ofHome = homeMembers.filter((m) => m.homeId === home.id);
    const assignee = ofHome.length ? ofHome[Math.floor(random() * ofHome.length)]!.memberId : null;
    plan.push({ home, status: OPINION_STATUSES[i % OPINION_STATUSES.length]!, assignee });
  }

  const now = Date.now();
  const day = 86_400_000;
  await db.transaction().execute(async (trx) => {
    let n = 0;
    for (const { home, status, assignee } of plan) {
      n += 1;
      const steps = assignee ? pathTo(status) : [];
      const finalStatus = assignee ? status : 'received';
      const [title, content] = TOPICS[n % TOPICS.length]!;
      // older opinions have gone further; a few unanswered ones are overdue on purpose
      const ageDays = 3 + steps.length * 6 + Math.floor(random() * 20);
      let at = now - ageDays * day;
      const receivedAt = new Date(at);
      const stamps: Partial<Record<string, Date>> = {};
      const stepRows: Array<{ action: string; from: string; to: string; at: Date; data: object }> = [];
      let from: OpinionStatus = 'received';
      const draft = {
        reporter: `群众（${home.name}接待）`,
        situation: content,
        analysis: '相关投入不足，群众诉求反映渠道不畅。',
        suggestion: '建议有关部门纳入年度计划，统筹解决。',
      };
      for (const action of steps) {
        at += Math.floor((1 + random() * 4) * day);
        const to = TO[action];
        const data: Record<string, unknown> =
          action === 'accept'
            ? { memberId: assignee }
            : action === 'draft'
              ? draft
              : action === 'adopt'
                ? { level: 'municipal' }
                : action === 'forward'
                  ? { department: '市交通运输局', forwardedOn: new Date(at).toISOString().slice(0, 10) }
                  : action === 'instruct'
                    ? {
                        leader: '市政协主席',
                        instructedOn: new Date(at).toISOString().slice(0, 10),
                        instruction: '请相关部门研究办理。',
                      }
                    : action === 'decline'
                      ? { reason: '相关政策已覆盖，建议向属地咨询。' }
                      : action === 'reply'
                        ? { reply: '您反映的问题已转有关部门办理，已纳入明年工作计划。', public: true }
                        : {};
        stepRows.push({ action, from, to, at: new Date(at), data });
        if (action === 'accept') stamps.acceptedAt = new Date(at);
        if (action === 'submit') stamps.submittedAt = new Date(at);
        if (['adopt', 'forward', 'instruct', 'decline'].includes(action)) stamps.decidedAt = new Date(at);
        if (action === 'reply') stamps.repliedAt = new Date(at);
        if (action === 'close') stamps.closedAt = new Date(at);
        from = to;
      }
      const decisionStep = stepRows.find((s) =>
        ['adopt', 'forward', 'instruct', 'decline'].includes(s.action),
      );
      const { id } = await trx
        .insertInto('opinions')
        .values({
          title,
          content,
          contentKey: `demo-${n}`,
          homeId: home.id,
          regionCode: home.regionCode,
          ownerUnitId: home.ownerUnitId,
          status: finalStatus,
          assignedMemberId: steps.length ? assignee : null,
          draft: steps.includes('draft') ? JSON.stringify(draft) : null,
          decision: decisionStep ? JSON.stringify({ ...decisionStep.data, kind: decisionStep.to }) : null,
          reply: steps.includes('reply') ? '您反映的问题已转有关部门办理，已纳入明年工作计划。' : null,
          replyPublic: steps.includes('reply'),
          receivedAt,
          acceptedAt: stamps.acceptedAt ?? null,
          submittedAt: stamps.submittedAt ?? null,
          decidedAt: stamps.decidedAt ?? null,
          repliedAt: stamps.repliedAt ?? null,
          closedAt: stamps.closedAt ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const code = `${String(1000 + n).padStart(4, '0')}-2021-${String(Math.floor(random() * 10_000)).padStart(4, '0')}`;
      await trx.insertInto('trackingCodes').values({ code, kind: 'opinion' }).execute();
      await trx
        .insertInto('opinionSubmissions')
        .values({
          opinionId: id,
          trackingCode: code,
          name: null,
          phoneSealed: null,
          contactConsent: false,
          channel: n % 3 === 0 ? 'in_person' : 'online',
          createdAt: receivedAt,
        })
        .execute();
      await trx
        .insertInto('opinionSteps')
        .values([
          {
            opinionId: id,
            action: 'receive',
            fromStatus: null,
            toStatus: 'received',
            at: receivedAt,
            data: '{}',
          },
          ...stepRows.map((s) => ({
            opinionId: id,
            action: s.action,
            fromStatus: s.from,
            toStatus: s.to,
            actorName: s.action === 'draft' || s.action === 'submit' ? '委员' : '工作人员',
            at: s.at,
            data: JSON.stringify(s.data),
          })),
        ])
        .execute();
    }
    // opening hours for the public pages
    await sql`
      update homes set opening_hours = case when online then '网上平台全天开放' else '每周三 9:00–12:00，委员值班日全天' end
      where status = 'operating' and opening_hours is null`.execute(trx);
  });
  return true;
}
