import type { ActivityKind } from '../../domain/activities.js';
import type { Rng } from './demo-homes.js';

/**
 * The words of the demo year: the municipal unified rules (统一制度, in the voice of 鄂政协发〔2021〕1号),
 * activity titles and records, plans and year-end summaries. Invented, like every demo name.
 */

export interface DemoRule {
  title: string;
  body: string;
}

/** The unified rules the office issued with the 2021 policy, in force from 1 June 2021. */
export const UNIFIED_RULES: DemoRule[] = [
  {
    title: '委员之家工作制度',
    body: [
      '一、委员之家（委员工作室）在市政协主席会议领导下开展工作，由市政协办公室、各专委会和各旗区政协分别负责组织实施。',
      '二、委员之家实行负责人负责制，年初有工作计划，平时有活动记录，年终有工作总结，报所属政协备案。',
      '三、围绕建设学习之家、履职之家、团结之家、民主之家，每季度开展活动不少于1次，可与界别活动组、对口专委会活动相结合。',
      '四、委员参与委员之家活动情况纳入履职档案，作为年度评比表彰的重要依据。',
    ].join('\n'),
  },
  {
    title: '委员值班制度',
    body: [
      '一、委员之家实行委员轮流值班，值班安排每月初确定，在委员之家和公众服务平台公示。',
      '二、值班委员按时到岗，接待来访群众，倾听意见诉求，做好接待记录；不能按时值班的，提前告知负责人调整。',
      '三、群众反映的问题，能当场解答的当场解答；需要有关部门办理的，按社情民意信息报送程序办理。',
      '四、值班情况由负责人登记，计入委员履职档案。',
    ].join('\n'),
  },
  {
    title: '社情民意收集报送制度',
    body: [
      '一、委员要经常性深入基层、贴近群众，广泛收集涉及基层群众切身利益的社情民意信息。',
      '二、社情民意信息应事实清楚、观点明确、建议具体，一事一报，经委员之家负责人审核后报送所属政协。',
      '三、信息办理情况及时向反映人反馈；被采用的信息按规定计入委员履职档案。',
      '四、严格遵守保密规定，不得泄露反映人的个人信息。',
    ].join('\n'),
  },
  {
    title: '活动登记制度',
    body: [
      '一、委员之家开展的各类活动，实行事前计划、事后登记，活动前明确主题、时间、地点和参加人员。',
      '二、活动当日组织委员签到，签到情况作为委员出勤的依据。',
      '三、活动结束后3个工作日内登记活动纪要，如实记录参加人员、活动内容和形成的成果，并上传活动照片。',
      '四、活动记录按年度归档，作为年终工作总结和效果评价的依据。',
    ].join('\n'),
  },
  {
    title: '经费管理制度',
    body: [
      '一、委员之家建设及活动经费从委员履职经费中安排，专款专用。',
      '二、经费支出由负责人审核、所属政协审批，支出凭证齐全、手续完备。',
      '三、严格执行中央八项规定精神，不得用于与委员之家工作无关的支出。',
      '四、经费使用情况每年向所属政协报告一次，接受监督检查。',
    ].join('\n'),
  },
];

/** The revision of 经费管理制度 issued at the start of last year: four eyes on every expenditure. */
export const REVISED_FUNDS_RULE: DemoRule = {
  title: '经费管理制度',
  body: [
    '一、委员之家建设及活动经费从委员履职经费中安排，专款专用，年初编制预算，年终报告使用情况。',
    '二、每笔支出由经办人登记、负责人审核、所属政协审批；超过规定限额的支出，登记人不得自行审批。',
    '三、严格执行中央八项规定精神，不得用于与委员之家工作无关的支出。',
    '四、经费收支在平台逐笔登记，账目公开，接受所属政协和审计人员监督检查。',
  ].join('\n'),
};

/** What a home's activity of a kind is called, given the home's topic and place. */
const TITLES: Partial<Record<ActivityKind, Array<(topic: string, place: string) => string>>> = {
  grassroots_consultation: [
    (t) => `围绕“${t}”开展基层协商议事`,
    (t, p) => `${p}${t}协商议事会`,
    (t) => `“${t}”专题议事`,
  ],
  consultation: [(t) => `${t}协商座谈会`, (t) => `委员、部门、群众面对面：${t}`],
  study: [
    () => '学习习近平总书记关于加强和改进人民政协工作的重要思想',
    () => '“书香政协”读书分享会',
    () => '学习《中国人民政治协商会议章程》专题研讨',
    () => '学习全国两会精神专题研讨',
  ],
  inspection: [(t) => `${t}专题调研`, (t, p) => `走进${p}：${t}调研视察`],
  policy_talk: [(_, p) => `惠民政策宣讲进${p}`, () => '草原生态补奖政策宣讲', () => '民法典宣讲'],
  opinion_collection: [() => '社情民意收集日', (t) => `“${t}”民意征集`],
  activity_day: [(_, p) => `委员活动日：走访${p}困难群众`, () => '委员活动日'],
  open_day: [() => '政协机关开放日'],
  fellowship: [() => '委员与群众交流联谊会', () => '“石榴籽”民族团结联谊活动'],
  problem_solving: [(t) => `解难纾困：${t}问题现场办`, () => '为群众办实事现场会'],
  outreach: [(_, p) => `联系群众·政策宣传进${p}`, () => '委员联系群众接待日'],
  education: [() => '铸牢中华民族共同体意识学习教育', () => '中共党史学习教育'],
};

/** Kinds a home holds, the common ones more often. */
const KIND_WEIGHTS: Array<[ActivityKind, number]> = [
  ['grassroots_consultation', 5],
  ['study', 4],
  ['inspection', 3],
  ['consultation', 3],
  ['policy_talk', 2],
  ['opinion_collection', 2],
  ['activity_day', 1],
  ['fellowship', 1],
  ['problem_solving', 1],
  ['outreach', 1],
  ['education', 1],
  ['open_day', 1],
];
const KIND_BAG = KIND_WEIGHTS.flatMap(([kind, weight]) => Array<ActivityKind>(weight).fill(kind));

export function pickKind(rng: Rng): ActivityKind {
  return rng.pick(KIND_BAG);
}

export function activityTitle(rng: Rng, kind: ActivityKind, topic: string, place: string): string {
  return rng.pick(TITLES[kind] ?? [() => '委员活动日'])(topic, place);
}

/** Kinds held without citizens (study among the members). */
const MEMBERS_ONLY = new Set<ActivityKind>(['study', 'education']);

export function citizensOf(rng: Rng, kind: ActivityKind): number {
  return MEMBERS_ONLY.has(kind) ? 0 : rng.int(8, 60);
}

/** The record written after a held activity. */
export function activitySummary(
  rng: Rng,
  kind: ActivityKind,
  topic: string,
  members: number,
  citizens: number,
): string {
  const n = rng.int(2, 6);
  if (MEMBERS_ONLY.has(kind)) return `${members}名委员参加，交流学习体会${n}篇，进一步增强了履职能力。`;
  return rng.pick([
    `组织${members}名委员与${citizens}名群众代表围绕${topic}面对面交流，收集意见建议${n}条。`,
    `${members}名委员参加，现场解答群众咨询${citizens}人次，形成意见建议${n}条，已交有关部门研究办理。`,
    `围绕${topic}深入走访，听取群众意见，梳理出${n}个需要协调解决的问题。`,
  ]);
}

export function activityOutcome(rng: Rng, owner: string): string | null {
  if (!rng.chance(0.45)) return null;
  return rng.pick([
    `形成协商意见${rng.int(2, 5)}条，报送${owner}。`,
    `整理社情民意信息${rng.int(1, 3)}篇，报送${owner}。`,
    `推动解决群众反映的问题${rng.int(1, 4)}件。`,
  ]);
}

const DEPARTMENTS = [
  '民政局',
  '卫生健康委员会',
  '教育局',
  '农牧局',
  '自然资源局',
  '住房和城乡建设局',
  '生态环境局',
  '人力资源和社会保障局',
  '交通运输局',
];

/** The departments invited to a consultation, named for the district (or the city). */
export function departmentsOf(rng: Rng, kind: ActivityKind, area: string): string[] {
  if (kind !== 'consultation' && kind !== 'grassroots_consultation' && kind !== 'problem_solving') return [];
  return rng.sample(DEPARTMENTS, rng.int(1, 2)).map((d) => `${area}${d}`);
}

export function planText(year: number, topic: string, owner: string, count: number): string {
  return [
    `${year}年，本委员之家坚持以习近平新时代中国特色社会主义思想为指导，围绕${topic}，建设学习之家、履职之家、团结之家、民主之家。`,
    `全年计划开展活动${count}次，每季度不少于1次；每月安排委员值班接待群众，及时收集报送社情民意信息。`,
    `年终形成工作总结，报${owner}。`,
  ].join('');
}

export function summaryText(
  rng: Rng,
  year: number,
  topic: string,
  owner: string,
  facts: { held: number; attendances: number; citizens: number },
): string {
  return [
    `${year}年，本委员之家共开展活动${facts.held}次，委员参加${facts.attendances}人次，服务群众${facts.citizens}人次，收集社情民意信息${rng.int(4, 18)}条。`,
    `围绕${topic}开展基层协商议事，形成的意见建议报送${owner}，部分已被有关部门采纳。`,
    `存在的不足：${rng.pick(['委员参与活动不够均衡', '活动形式还不够丰富', '群众知晓率有待提高', '协商成果跟踪落实不够'])}。`,
    `${year + 1}年将进一步完善值班接待和协商议事机制，打造委员之家特色品牌。`,
  ].join('');
}

export function shiftNote(rng: Rng, served: boolean): string | null {
  if (!served) return rng.chance(0.5) ? '临时外出，未到岗' : null;
  return rng.pick([
    `接待群众${rng.int(2, 9)}人次，记录诉求${rng.int(1, 4)}条`,
    `接待群众${rng.int(2, 9)}人次，现场答复政策咨询`,
    '整理意见箱来信，登记社情民意信息',
  ]);
}
