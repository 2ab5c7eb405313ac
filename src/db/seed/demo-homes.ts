/**
 * Demo members and homes (委员与委员之家示例数据): invented people and places over the real
 * regions and org units, deterministic (a seeded PRNG), so every demo start shows the same data.
 * The generators are exported for the benchmark, which tops the same shapes up to a larger set.
 */
import { type Insertable, type Kysely, sql } from 'kysely';
import { HOME_WORKFLOW, type HomeAction, type HomeStatus } from '../../domain/home-workflow.js';
import { phoneHash, sealPhone } from '../../lib/personal-data.js';
import { hashPassword } from '../../modules/auth/passwords.js';
import { findUserByUsername } from '../../modules/auth/repo.js';
import { replaceRoles } from '../../modules/users/repo.js';
import { regionsFromFile } from '../reference/load.js';
import { DISTRICT_CPPCCS, ORG_UNITS, orgUnitId } from '../reference/org-units.js';
import type { Database, HomeMemberTable, HomeTable, HomeTransitionTable, MemberTable } from '../schema.js';
import { DEMO_PASSWORD } from './demo-users.js';

type Db = Kysely<Database>;

/** The accounts this seed adds next to DEMO_USERS (same password, DEMO_PASSWORD). */
export const DEMO_HOME_USERS: Array<{ username: string; displayName: string }> = [
  { username: 'member', displayName: '示例·委员' },
  { username: 'director', displayName: '示例·委员之家负责人' },
];

// ---------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: a tiny seeded PRNG, good enough for demo data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** an integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  /** n distinct items (fewer when the list is shorter) */
  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle(items).slice(0, n);
  }
  /** a version-4-shaped UUID from this stream: stable ids for the same demo */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

/**
 * The n-th demo mobile number: 199 and 8 digits. n ↦ n·48271 + c (mod 10^8) is a bijection
 * (48271 is coprime with 10^8), so distinct n < 10^8 give distinct, scattered-looking numbers.
 */
export function demoPhone(n: number): string {
  const x = (n * 48271 + 20240817) % 100_000_000;
  return `199${String(x).padStart(8, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Places

const REGIONS = regionsFromFile();
export const DISTRICT_NAME: Record<string, string> = Object.fromEntries(
  REGIONS.filter((r) => r.level === 'district').map((r) => [r.code, r.name]),
);
const REGION_NAME: Record<string, string> = Object.fromEntries(REGIONS.map((r) => [r.code, r.name]));
/** township-level units that count for coverage (development zones aside), by district */
export const TOWNSHIPS: Record<string, string[]> = {};
/** villages (嘎查村、社区) by township */
export const VILLAGES: Record<string, string[]> = {};
function add<T>(map: Record<string, T[]>, key: string, value: T): void {
  const list = map[key] ?? [];
  list.push(value);
  map[key] = list;
}
for (const r of REGIONS) {
  if (r.level === 'township' && !r.isDevZone) add(TOWNSHIPS, r.parentCode!, r.code);
  if (r.level === 'village') add(VILLAGES, r.parentCode!, r.code);
}
export const DISTRICT_CODES = DISTRICT_CPPCCS.map(([code]) => code);
const CPPCC_NAME: Record<string, string> = Object.fromEntries(DISTRICT_CPPCCS);
const SECTOR_GROUP_NAMES: Record<string, string> = Object.fromEntries(
  ORG_UNITS.filter((u) => u.kind === 'sector_group').map((u) => [u.id, u.name]),
);
export const SECTOR_GROUP_IDS = Object.keys(SECTOR_GROUP_NAMES);

/** For plaque numbers: 鄂政协委家〔2024〕012号 (municipal), 东政协委家〔2025〕003号 (district). */
const PLAQUE_PREFIX: Record<string, string> = {
  municipal: '鄂',
  '150602': '东',
  '150603': '康',
  '150621': '达',
  '150622': '准',
  '150623': '鄂前',
  '150624': '鄂托',
  '150625': '杭',
  '150626': '乌',
  '150627': '伊',
};

const ROADS = [
  '鄂尔多斯大街',
  '伊金霍洛西街',
  '天骄北路',
  '达拉特南路',
  '团结路',
  '民族街',
  '林荫路',
  '宝日陶亥街',
  '北环路',
  '文化路',
  '迎宾路',
  '新华街',
  '振兴路',
  '人民路',
  '草原路',
  '乌兰木伦街',
  '诃额伦路',
  '康和路',
];

// ---------------------------------------------------------------------------------------------
// People

const HAN_SURNAMES = [
  ...'王李张刘杨赵高郝白苏贾乔韩郭孙马段任薛杜吕田冯武石陈周吴徐胡贺霍云宋曹邢康温史樊闫梁尚',
  ...'王李张刘杨赵高郝',
];
const HAN_GIVEN: Record<'male' | 'female', string[]> = {
  male: [...'伟军强磊涛斌勇杰鹏飞峰波辉刚明亮建国志文海东晓宏俊永春利平华宇鑫浩'],
  female: [...'丽娟艳敏静芳燕霞玲红梅琳慧婷雪晶萍颖蕾欣悦佳瑞璐洁婧'],
};
const MONGOLIAN_GIVEN: Record<'male' | 'female', string[]> = {
  male: [
    '巴特尔',
    '额尔敦',
    '阿拉坦',
    '苏和',
    '宝音',
    '朝鲁',
    '毕力格',
    '孟和',
    '呼和',
    '达来',
    '巴图',
    '那顺',
    '布仁',
    '图门',
    '乌力吉',
    '特木尔',
    '哈斯巴根',
    '吉日嘎拉',
    '额尔德木图',
    '斯琴巴特尔',
  ],
  female: [
    '其其格',
    '乌兰',
    '斯琴',
    '图雅',
    '萨仁',
    '乌云',
    '娜仁花',
    '敖登',
    '格日勒',
    '高娃',
    '塔娜',
    '萨日娜',
    '阿拉腾花',
    '乌日娜',
    '苏日娜',
    '托娅',
  ],
};
/** surnames Mongolian families in Ordos often write before the given name */
const MONGOLIAN_SURNAMES = [...'奇包白鲍云韩'];

type Place = { district: string; township: string };
/** An employer (built from the member's district and township) and the titles that go with it. */
type Job = [employer: (place: Place, rng: Rng) => string, titles: string[]];

interface Profile {
  sectors: string[];
  expertise: string[];
  jobs: Job[];
}

const FIRM = [...'蒙晟鑫源恒达金石昊泽瑞通鼎盛宏远聚德福瑞荣泰沙海广汇'];
const firm = (rng: Rng) => `${rng.pick(FIRM)}${rng.pick(FIRM)}`;
const nth = (rng: Rng) => rng.pick(['一', '二', '三', '四', '五', '六', '七', '八']);

const PROFILES: Record<string, Profile> = {
  economy: {
    sectors: ['经济', '工商联', '民建', '中共'],
    expertise: ['企业管理', '招商引资', '财务金融', '民营经济', '能源化工', '现代物流', '营商环境'],
    jobs: [
      [
        (_, r) => `鄂尔多斯市${firm(r)}${r.pick(['能源', '煤业', '化工', '物流', '新能源'])}有限公司`,
        ['董事长', '总经理', '副总经理', '财务总监'],
      ],
      [
        (p, r) =>
          `${p.district}${firm(r)}${r.pick(['羊绒制品', '建筑工程', '商贸', '房地产开发'])}有限责任公司`,
        ['董事长', '总经理', '党支部书记'],
      ],
      [(p) => `${p.district}工商业联合会`, ['副主席', '秘书长']],
    ],
  },
  agriculture: {
    sectors: ['农牧业', '中共', '无党派人士'],
    expertise: ['现代农牧业', '生态保护', '乡村振兴', '草原保护', '农牧民增收', '设施农业'],
    jobs: [
      [(p) => `${p.district}${p.township}农牧业专业合作社`, ['理事长', '党支部书记']],
      [(p, r) => `${p.district}${r.pick(['绿野', '沙地', '草原', '河套'])}家庭牧场`, ['场主']],
      [(p) => `${p.district}农牧技术推广中心`, ['主任', '高级农艺师', '高级畜牧师']],
    ],
  },
  education: {
    sectors: ['教育', '民进', '民盟'],
    expertise: ['基础教育', '职业教育', '学前教育', '蒙古语授课教育', '家庭教育', '教育信息化'],
    jobs: [
      [(p, r) => `${p.district}第${nth(r)}中学`, ['校长', '副校长', '高级教师']],
      [(_, r) => `鄂尔多斯市第${nth(r)}中学`, ['校长', '高级教师', '党委书记']],
      [() => '鄂尔多斯职业学院', ['教授', '副教授', '系主任']],
      [(p, r) => `${p.district}${r.pick(['实验', '蒙古族', '育才', '阳光'])}小学`, ['校长', '高级教师']],
    ],
  },
  science: {
    sectors: ['科技', '九三学社', '民盟'],
    expertise: ['科技创新', '新能源', '数字经济', '煤炭清洁利用', '氢能产业', '智慧矿山'],
    jobs: [
      [(_, r) => `鄂尔多斯市${firm(r)}科技有限公司`, ['总工程师', '技术总监', '高级工程师']],
      [() => '鄂尔多斯应用技术学院', ['教授', '副教授', '研究员']],
      [(p) => `${p.district}科学技术协会`, ['主席', '副主席']],
    ],
  },
  culture: {
    sectors: ['文化艺术', '新闻出版', '体育'],
    expertise: ['非物质文化遗产', '文艺创作', '文化旅游', '新闻传播', '全民健身', '蒙古族长调'],
    jobs: [
      [(p) => `${p.district}乌兰牧骑`, ['队长', '一级演员', '二级演员']],
      [() => '鄂尔多斯市文学艺术界联合会', ['副主席', '秘书长']],
      [() => '鄂尔多斯日报社', ['副总编辑', '主任记者']],
      [(p) => `${p.district}融媒体中心`, ['主任', '记者']],
      [(p) => `${p.district}文化馆`, ['馆长', '副研究馆员']],
      [(p) => `${p.district}体育运动学校`, ['校长', '教练员']],
    ],
  },
  health: {
    sectors: ['医药卫生', '农工党'],
    expertise: ['公共卫生', '蒙医药', '基层医疗', '健康养老', '中医药', '妇幼保健'],
    jobs: [
      [(p) => `${p.district}人民医院`, ['院长', '副院长', '主任医师', '护士长']],
      [() => '鄂尔多斯市中心医院', ['主任医师', '副主任医师', '科主任']],
      [(p) => `${p.district}蒙医医院`, ['院长', '主任医师']],
      [(p) => `${p.district}疾病预防控制中心`, ['主任', '主任医师']],
      [(p) => `${p.district}${p.township}卫生院`, ['院长', '全科医生']],
    ],
  },
  welfare: {
    sectors: ['社会福利和社会保障', '妇联', '共青团', '工会'],
    expertise: ['社区治理', '社会救助', '养老服务', '妇女儿童权益', '就业创业', '残疾人服务'],
    jobs: [
      [(p) => `${p.district}民政局`, ['局长', '副局长']],
      [
        (p, r) => `${p.district}${p.township}${r.pick(['幸福', '和谐', '阳光', '康宁', '团结'])}社区`,
        ['社区党委书记', '社区居委会主任'],
      ],
      [(p) => `${p.district}残疾人联合会`, ['理事长', '副理事长']],
      [(p) => `${p.district}妇女联合会`, ['主席', '副主席']],
      [() => '鄂尔多斯市慈善总会', ['副会长', '秘书长']],
      [(p, r) => `${p.district}${firm(r)}养老服务中心`, ['主任', '社工师']],
    ],
  },
  ethnic: {
    sectors: ['少数民族', '宗教', '民革'],
    expertise: ['民族团结', '宗教事务', '蒙古族文化', '铸牢中华民族共同体意识', '民族教育'],
    jobs: [
      [(p) => `${p.district}民族事务委员会`, ['主任', '副主任']],
      [(p) => `${p.district}蒙古族中学`, ['校长', '高级教师']],
      [(p) => `${p.district}伊斯兰教协会`, ['会长', '副会长']],
      [(p) => `${p.district}佛教协会`, ['会长', '副会长']],
      [() => '鄂尔多斯市蒙古学研究会', ['研究员', '副会长']],
    ],
  },
  public: {
    sectors: ['中共', '民革', '民盟', '无党派人士', '特邀'],
    expertise: ['法律服务', '政策研究', '基层治理', '营商环境', '城市规划', '矛盾纠纷化解'],
    jobs: [
      [(p) => `${p.district}人民政府办公室`, ['主任', '副主任']],
      [(p) => `${p.district}发展和改革委员会`, ['主任', '副主任']],
      [(p) => `${p.district}${p.township}`, ['党委书记', '党工委书记', '办事处主任']],
      [(_, r) => `内蒙古${firm(r)}律师事务所`, ['主任律师', '合伙人律师']],
      [() => '鄂尔多斯市律师协会', ['副会长', '秘书长']],
    ],
  },
};
/** The profile of each sector group, in order sector-group-1..8. */
const GROUP_PROFILES = [
  'economy',
  'agriculture',
  'education',
  'science',
  'culture',
  'health',
  'welfare',
  'ethnic',
];

export type MemberSeed = Insertable<MemberTable> & { id: string };

export interface MemberPlace {
  level: 'regional' | 'municipal' | 'district';
  /** the district a district member belongs to (region code) */
  districtCode?: string;
  sectorGroupId?: string;
}

/** One invented member. `n` numbers the phone; give every member of a data set its own n. */
export function makeMember(rng: Rng, place: MemberPlace, n: number): MemberSeed {
  const gender: 'male' | 'female' = rng.chance(0.62) ? 'male' : 'female';
  const groupIndex = place.sectorGroupId ? SECTOR_GROUP_IDS.indexOf(place.sectorGroupId) : -1;
  const profileName =
    groupIndex >= 0
      ? GROUP_PROFILES[groupIndex]!
      : rng.pick([...GROUP_PROFILES, 'public', 'public', 'economy']);
  const profile = PROFILES[profileName]!;
  const districtCode = place.districtCode ?? rng.pick(DISTRICT_CODES);
  // Mongolian names are more frequent in the pastoral banners and in the ethnic affairs sector.
  const pastoral = ['150623', '150624', '150625', '150626'].includes(districtCode);
  const mongolian = rng.chance(profileName === 'ethnic' ? 0.6 : pastoral ? 0.3 : 0.14);
  let name: string;
  let ethnicity: string;
  if (mongolian) {
    const given = rng.pick(MONGOLIAN_GIVEN[gender]);
    name = rng.chance(0.35) ? `${rng.pick(MONGOLIAN_SURNAMES)}${given}` : given;
    ethnicity = '蒙古族';
  } else {
    const given = Array.from({ length: rng.chance(0.7) ? 2 : 1 }, () => rng.pick(HAN_GIVEN[gender])).join('');
    name = `${rng.pick(HAN_SURNAMES)}${given}`;
    const r = rng.float();
    ethnicity = r < 0.03 ? '回族' : r < 0.05 ? '满族' : r < 0.06 ? '达斡尔族' : '汉族';
  }
  const township = REGION_NAME[rng.pick(TOWNSHIPS[districtCode]!)]!;
  const [employerOf, titles] = rng.pick(profile.jobs);
  const employer = employerOf({ district: DISTRICT_NAME[districtCode]!, township }, rng);
  return {
    id: rng.uuid(),
    name,
    gender,
    ethnicity,
    level: place.level,
    orgUnitId: place.level === 'district' ? orgUnitId.district(districtCode) : orgUnitId.municipal,
    sectorGroupId: place.level === 'district' ? null : (place.sectorGroupId ?? null),
    sector: rng.pick(profile.sectors),
    employer,
    title: rng.pick(titles),
    expertise: rng.sample(profile.expertise, rng.int(1, 3)),
    phoneSealed: sealPhone(demoPhone(n)),
    phoneHash: phoneHash(demoPhone(n)),
  };
}

// ---------------------------------------------------------------------------------------------
// Homes

export const BRANDS = [
  '暖心议站',
  '草原连心桥',
  '协商议事厅',
  '委员直通车',
  '民情驿站',
  '同心圆',
  '众议坊',
  '红石榴议事厅',
  '北疆同心家园',
  '乌兰牧骑议事站',
  '沙海绿洲议事会',
  '金点子工坊',
  '敖包议事厅',
  '马背协商',
  '蒙汉一家亲',
  '煤海先锋',
  '银龄议事会',
  '书香议站',
  '健康守门人',
  '法润草原',
  '邻里协商会',
  '向阳议事厅',
  '鸿雁传声',
  '石榴籽之家',
  '黄河几字弯议事堂',
  '绒城连心站',
  '光伏向日葵',
  '牧民说事点',
  '协商在基层',
  '聚力议事堂',
];

/** What a home works on: in town (街道、社区) and in the countryside (镇、乡、苏木、村、嘎查). */
const URBAN_TOPICS = [
  '城市社区治理',
  '老旧小区改造',
  '养老服务',
  '就业创业',
  '矛盾纠纷化解',
  '民族团结进步',
  '基层医疗服务',
  '义务教育均衡发展',
];
const RURAL_TOPICS = [
  '乡村振兴',
  '生态治理',
  '农牧民增收',
  '采煤沉陷区治理',
  '人居环境整治',
  '黄河流域生态保护',
  '民族团结进步',
  '基层医疗服务',
];
const SECTOR_TOPICS = [
  '营商环境优化',
  '民族团结进步',
  '养老服务',
  '就业创业',
  '黄河流域生态保护',
  '义务教育均衡发展',
  '基层医疗服务',
];

const DISTRICT_NAMES = Object.values(DISTRICT_NAME);
const districtPrefix = (text: string) => DISTRICT_NAMES.find((d) => text.startsWith(d));

/** 罕台庙村委会 → 罕台庙村, 巴音社区居民委员会 → 巴音社区: the form people say. */
function shortVillageName(name: string): string {
  return name
    .replace(/(社区)(居民委员会|居委会)$/, '$1')
    .replace(/(嘎查)(村)?委员会$/, '$1')
    .replace(/村(民委员会|村委会|委会)$/, '村')
    .replace(/村委会$/, '村');
}

/** Trades of industry homes and the sectors their directors come from. */
export const TRADES: Record<string, string> = {
  煤炭: 'economy',
  金融: 'economy',
  医疗卫生: 'health',
  律师: 'public',
  绒纺: 'economy',
  能源化工: 'science',
  文化旅游: 'culture',
  数字经济: 'science',
  光伏新能源: 'science',
  服装: 'economy',
  现代农牧业: 'agriculture',
  教育培训: 'education',
};
export const tradeSectors = (trade: string) => PROFILES[TRADES[trade] ?? 'economy']!.sectors;

const VENUE_TEXT: Record<NonNullable<HomeTable['venueType']>, string> = {
  agency: '委员所在单位会议室',
  enterprise: '企业职工活动中心',
  community: '社区综合服务中心',
  party_mass_center: '党群服务中心',
  deputies_home: '人大代表之家',
  other: '文化活动室',
};

export type HomeKindName = HomeTable['kind'];
type VenueType = NonNullable<HomeTable['venueType']>;

/** What a demo home is to be; everything else is invented around it. */
export interface HomeSpec {
  kind: HomeKindName;
  status: HomeStatus;
  level: 'municipal' | 'district';
  ownerUnitId: string;
  /** district region code of a district home */
  districtCode?: string;
  /** township (9 digits) or village (12 digits) */
  regionCode?: string | null;
  online?: boolean;
  /** industry homes: the trade */
  industry?: string;
  /** when the procedure started, days since 2023-01-01 (otherwise drawn) */
  startDay?: number;
  /** force the director (e.g. for a demo account) */
  directorId?: string;
  /** prefer a director from these sectors (industry homes) */
  directorSectors?: string[];
}

/** Members a home may draw on. */
export interface MemberPools {
  byGroup: Record<string, MemberSeed[]>;
  byDistrict: Record<string, MemberSeed[]>;
  municipal: MemberSeed[];
}

export interface BuiltHome {
  home: Insertable<HomeTable> & { id: string };
  memberIds: string[];
  transitions: Array<Insertable<HomeTransitionTable>>;
}

/** Hands out unique plaque numbers per prefix and year. */
export class PlaqueNumbers {
  private readonly taken = new Set<string>();
  private readonly next = new Map<string, number>();
  constructor(existing: Iterable<string | null> = []) {
    for (const p of existing) if (p) this.taken.add(p);
  }
  allocate(prefix: string, year: number): string {
    const key = `${prefix}${year}`;
    let n = this.next.get(key) ?? 1;
    let plaque: string;
    do {
      plaque = `${prefix}政协委家〔${year}〕${String(n).padStart(3, '0')}号`;
      n++;
    } while (this.taken.has(plaque));
    this.next.set(key, n);
    this.taken.add(plaque);
    return plaque;
  }
}

const DAY = 86_400_000;
const EPOCH = Date.UTC(2023, 0, 1);
/** the last day any demo event happens on */
const LAST_DAY = Math.round((Date.UTC(2026, 10, 20) - EPOCH) / DAY);
const ymd = (day: number) => new Date(EPOCH + day * DAY).toISOString().slice(0, 10);
const instant = (day: number, rng: Rng) =>
  `${ymd(day)}T${String(rng.int(9, 17)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+08:00`;

/** The actions that lead from the proposal to a status (after `propose`). */
function pathTo(status: HomeStatus, rng: Rng): HomeAction[] {
  // a returned plan now and then: plan → review → return (back to planned, revised in place)
  const planning: HomeAction[] = rng.chance(0.15) ? ['plan', 'review', 'return'] : ['plan'];
  const toReviewed: HomeAction[] = ['survey', ...planning, 'review'];
  switch (status) {
    case 'proposed':
      return [];
    case 'surveyed':
      return ['survey'];
    case 'planned':
      return ['survey', ...planning];
    case 'reviewed':
      return toReviewed;
    case 'approved':
      return [...toReviewed, 'approve'];
    case 'rejected':
      return [...toReviewed, 'reject'];
    case 'operating':
      return [
        ...toReviewed,
        'approve',
        'award_plaque',
        ...(rng.chance(0.08) ? (['suspend', 'resume'] as const) : []),
      ];
    case 'suspended':
      return [...toReviewed, 'approve', 'award_plaque', 'suspend'];
    case 'closed':
      return [
        ...toReviewed,
        'approve',
        'award_plaque',
        ...(rng.chance(0.5) ? (['suspend'] as const) : []),
        'close',
      ];
  }
}

/** Days between one step and the next (a plaque comes a while after approval; suspensions later still). */
function gapBefore(action: HomeAction, rng: Rng): number {
  switch (action) {
    case 'award_plaque':
      return rng.int(7, 40);
    case 'suspend':
    case 'close':
      return rng.int(90, 320);
    case 'resume':
      return rng.int(30, 120);
    default:
      return rng.int(10, 45);
  }
}

function actorNameOf(spec: HomeSpec, action: HomeAction | 'propose'): string {
  if (spec.level === 'district') return `示例·${CPPCC_NAME[spec.districtCode!]}`;
  const early = action === 'propose' || action === 'survey' || action === 'plan' || action === 'review';
  if (early && spec.ownerUnitId.startsWith('sector-group-'))
    return `示例·${SECTOR_GROUP_NAMES[spec.ownerUnitId]}`;
  return '示例·市政协办公室';
}

function pickTopic(rng: Rng, spec: HomeSpec, place: string): string {
  if (spec.kind === 'township' || spec.kind === 'village') {
    return rng.pick(/(街道|社区)$/.test(place) ? URBAN_TOPICS : RURAL_TOPICS);
  }
  return rng.pick(SECTOR_TOPICS);
}

/** Builds one home with its members and its procedure history, consistent with `spec.status`. */
export function buildHome(rng: Rng, spec: HomeSpec, pools: MemberPools, plaques: PlaqueNumbers): BuiltHome {
  const id = rng.uuid();
  const online = spec.online ?? false;

  // people: director (and a deputy), then members up to 3–12 in all
  let candidates: MemberSeed[];
  let extra: MemberSeed[] = [];
  if (spec.kind === 'sector_group') {
    candidates = pools.byGroup[spec.ownerUnitId]!;
  } else if (spec.level === 'district') {
    candidates = pools.byDistrict[spec.districtCode!]!;
    extra = pools.municipal;
  } else {
    candidates = pools.municipal;
  }
  const fromMunicipal = spec.level === 'district' && spec.kind !== 'township' && rng.chance(0.15);
  const pool = fromMunicipal ? extra : candidates;
  const fitting = spec.directorSectors
    ? pool.filter((m) => spec.directorSectors!.includes(m.sector ?? ''))
    : pool;
  const director =
    (spec.directorId && [...candidates, ...extra].find((m) => m.id === spec.directorId)) ||
    rng.pick(fitting.length ? fitting : pool);
  const others = candidates.filter((m) => m.id !== director.id);
  const deputy = spec.kind === 'sector_group' || rng.chance(0.7) ? rng.pick(others) : null;
  const size =
    spec.kind === 'sector_group'
      ? rng.int(6, 12)
      : spec.kind === 'industry'
        ? rng.int(4, 12)
        : spec.kind === 'village'
          ? rng.int(3, 6)
          : rng.int(3, 10);
  const memberIds = [director.id, ...(deputy ? [deputy.id] : [])];
  for (const m of rng.shuffle(others)) {
    if (memberIds.length >= size) break;
    if (!memberIds.includes(m.id)) memberIds.push(m.id);
  }
  if (extra.length && memberIds.length < 12 && rng.chance(0.25)) {
    const m = rng.pick(extra);
    if (!memberIds.includes(m.id)) memberIds.push(m.id);
  }

  // place and identity
  const district = spec.districtCode ? DISTRICT_NAME[spec.districtCode]! : '鄂尔多斯市';
  const regionCode = spec.regionCode ?? null;
  const township = regionCode ? REGION_NAME[regionCode.slice(0, 9)]! : null;
  const village = regionCode && regionCode.length === 12 ? shortVillageName(REGION_NAME[regionCode]!) : null;
  const groupName = spec.kind === 'sector_group' ? SECTOR_GROUP_NAMES[spec.ownerUnitId]! : '';
  const name = (() => {
    switch (spec.kind) {
      case 'sector_group':
        return `${groupName.replace('界别活动组', '')}界别委员之家`;
      case 'township':
        return `${district}${township}委员之家`;
      case 'village':
        return `${district}${township}${village}委员之家`;
      case 'member_studio':
        return `${director.name}委员工作室`;
      case 'industry':
        return `${district}${spec.industry ?? '能源'}行业委员之家`;
    }
  })();
  const brand = rng.pick(BRANDS);
  const venueType: VenueType | null = online
    ? null
    : spec.kind === 'township' || spec.kind === 'village'
      ? rng.pick<VenueType>([
          'party_mass_center',
          'party_mass_center',
          'community',
          'community',
          'deputies_home',
          'other',
        ])
      : spec.kind === 'sector_group'
        ? rng.pick<VenueType>(['agency', 'agency', 'enterprise', 'other'])
        : rng.pick<VenueType>(['agency', 'enterprise', 'enterprise', 'community', 'other']);
  const place = village ?? township ?? director.employer ?? district;
  // a municipal home sits where its director works, or in the city's two urban districts
  const employer = director.employer ?? '';
  const employerDistrict = districtPrefix(employer);
  const addressDistrict = spec.districtCode
    ? district
    : (employerDistrict ?? rng.pick(['康巴什区', '东胜区']));
  const atEmployer =
    employer &&
    (!employerDistrict || employerDistrict === addressDistrict) &&
    !/(街道|镇|乡|苏木)$/.test(employer)
      ? (venueType === 'enterprise' && employer.includes('公司')) ||
        (venueType === 'agency' && !employer.includes('公司'))
      : false;
  const address =
    online || !venueType
      ? null
      : `${addressDistrict}${township ?? ''}${village ?? ''}${rng.pick(ROADS)}${rng.int(1, 199)}号${
          atEmployer ? employer : VENUE_TEXT[venueType]
        }`;
  const topic = pickTopic(rng, spec, place);
  const specialty = (() => {
    switch (spec.kind) {
      case 'sector_group':
        return `${groupName}委员履职平台，围绕${topic}和本界别群众关切开展界别协商，每季度一次协商议事活动。`;
      case 'township':
      case 'village':
        return `立足${place}，围绕${topic}开展协商议事和民情收集，每月固定一天为委员接待日，打造“${brand}”品牌。`;
      case 'member_studio':
        return `${director.name}委员发挥${director.expertise?.[0] ?? '专业'}专长，围绕${topic}开展调研、接待群众和协商议事${online ? '，线上收集社情民意' : ''}。`;
      case 'industry':
        return `聚焦${spec.industry ?? '能源'}行业，组织行业内委员开展调研协商，围绕${topic}建言献策、服务企业。`;
    }
  })();

  // procedure history
  const actions = pathTo(spec.status, rng);
  const gaps = actions.map((a) => gapBefore(a, rng));
  const span = gaps.reduce((a, b) => a + b, 0);
  const early = spec.status === 'proposed' || spec.status === 'surveyed';
  let start =
    spec.startDay ??
    (early ? rng.int(LAST_DAY - 420, LAST_DAY - 30) : rng.int(30, Math.max(60, LAST_DAY - span - 30)));
  if (start + span > LAST_DAY) start = Math.max(5, LAST_DAY - span);
  const unitShort = spec.level === 'district' ? CPPCC_NAME[spec.districtCode!]! : '市政协';
  const prefix = PLAQUE_PREFIX[spec.level === 'district' ? spec.districtCode! : 'municipal']!;

  let day = start;
  let status: HomeStatus = 'proposed';
  let approvedOn: string | null = null;
  let plaqueNo: string | null = null;
  let plaqueAwardedOn: string | null = null;
  const transitions: BuiltHome['transitions'] = [
    {
      homeId: id,
      action: 'propose',
      fromStatus: null,
      toStatus: 'proposed',
      actorId: null,
      actorName: actorNameOf(spec, 'propose'),
      at: instant(day, rng),
      comment: null,
      data: null,
    },
  ];
  actions.forEach((action, i) => {
    day += gaps[i]!;
    const to = HOME_WORKFLOW[action].to;
    let data: Record<string, unknown> = {};
    let comment: string | null = null;
    switch (action) {
      case 'survey':
        data = {
          report: `${unitShort}会同${place}对拟建场所、委员分布和群众需求进行了实地调研：场所面积约${rng.int(60, 400)}平方米，周边服务群众约${rng.int(8, 120) * 100}人，具备建设条件。`,
        };
        break;
      case 'plan':
        data = {
          plan: `依托${venueType ? VENUE_TEXT[venueType] : '网上平台'}建设，设协商议事室、委员接待室；建立“${brand}”品牌，每季度至少开展一次协商议事活动，每月一次委员接待日。`,
          address: address ?? '网上平台',
          ...(regionCode ? { regionCode } : {}),
        };
        break;
      case 'review':
        data = {
          conditionsMet: true,
          opinion: '经审核，负责人、场所、制度、品牌等基本条件已落实，同意提请主席会议审议。',
        };
        comment = rng.chance(0.4) ? '材料齐全' : null;
        break;
      case 'return':
        data = { opinion: '建设方案中活动制度不够具体，请补充年度履职计划后重新提交。' };
        break;
      case 'approve':
        approvedOn = ymd(day);
        data = { meeting: `${unitShort}第${rng.int(3, 40)}次主席会议`, meetingDate: approvedOn };
        break;
      case 'reject':
        data = {
          meeting: `${unitShort}第${rng.int(3, 40)}次主席会议`,
          meetingDate: ymd(day),
          reason: '拟选场所与已运行的委员之家服务范围重叠，建议整合资源后另行申请。',
        };
        break;
      case 'award_plaque':
        plaqueAwardedOn = ymd(day);
        plaqueNo = plaques.allocate(prefix, Number(plaqueAwardedOn.slice(0, 4)));
        data = { plaqueNo, awardedOn: plaqueAwardedOn };
        comment = rng.chance(0.5) ? '在授牌仪式上颁发牌匾' : null;
        break;
      case 'suspend':
        data = {
          reason: rng.pick([
            '场所所在建筑改造施工，活动暂停，待完工后恢复。',
            '负责人工作调动，待确定新负责人后恢复活动。',
          ]),
        };
        break;
      case 'resume':
        data = {};
        comment = '场所改造完成，恢复活动';
        break;
      case 'close':
        data = { reason: '所在单位机构调整，场所不再具备条件，经主席会议研究予以撤销。' };
        break;
    }
    transitions.push({
      homeId: id,
      action,
      fromStatus: status,
      toStatus: to,
      actorId: null,
      actorName: actorNameOf(spec, action),
      at: instant(day, rng),
      comment,
      data: JSON.stringify(data),
    });
    status = to;
  });
  if (status !== spec.status) throw new Error(`demo home path ends in ${status}, not ${spec.status}`);

  const slug = id.slice(0, 8);
  return {
    home: {
      id,
      name,
      nameMn: null,
      kind: spec.kind,
      online,
      level: spec.level,
      ownerUnitId: spec.ownerUnitId,
      regionCode,
      brand,
      specialty,
      address,
      venueType,
      sharedWith:
        venueType === 'deputies_home'
          ? `${township ?? district}人大代表之家`
          : venueType === 'party_mass_center'
            ? `${place}党群服务中心`
            : null,
      equipment: online
        ? null
        : rng.pick([null, '会议桌椅、投影设备、委员履职公示栏、意见箱', '议事桌椅、音响设备、履职档案柜']),
      onlineUrl: online ? `https://example.org/studio/${slug}` : null,
      status: spec.status,
      plaqueNo,
      plaqueAwardedOn,
      approvedOn,
      directorMemberId: director.id,
      deputyMemberId: deputy?.id ?? null,
      proposedBy: null,
      createdAt: transitions[0]!.at as string,
      updatedAt: transitions[transitions.length - 1]!.at as string,
    },
    memberIds,
    transitions,
  };
}

// ---------------------------------------------------------------------------------------------
// Inserting

const CHUNK = 500;

/** Inserts rows in statements of at most 500 rows each. */
export async function insertChunked<T extends keyof Database>(
  db: Db,
  table: T,
  rows: Array<Insertable<Database[T]>>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
  }
}

/** Inserts built homes: the homes, then their members, then their histories (in order). */
export async function insertHomes(db: Db, built: BuiltHome[]): Promise<void> {
  await insertChunked(
    db,
    'homes',
    built.map((b) => b.home),
  );
  const links: Array<Insertable<HomeMemberTable>> = built.flatMap((b) =>
    b.memberIds.map((memberId) => ({ homeId: b.home.id, memberId })),
  );
  await insertChunked(db, 'homeMembers', links);
  await insertChunked(
    db,
    'homeTransitions',
    built.flatMap((b) => b.transitions),
  );
}

export function poolsOf(
  members: Array<Pick<MemberSeed, 'id' | 'level' | 'orgUnitId' | 'sectorGroupId'>>,
): MemberPools {
  const pools: MemberPools = { byGroup: {}, byDistrict: {}, municipal: [] };
  for (const m of members as MemberSeed[]) {
    if (m.level === 'district') add(pools.byDistrict, m.orgUnitId.replace('district-', ''), m);
    else {
      pools.municipal.push(m);
      if (m.sectorGroupId) add(pools.byGroup, m.sectorGroupId, m);
    }
  }
  return pools;
}

// ---------------------------------------------------------------------------------------------
// The demo

/** District members per district: roughly by population. */
const DISTRICT_MEMBERS: Record<string, number> = {
  '150602': 180,
  '150603': 80,
  '150621': 140,
  '150622': 150,
  '150623': 80,
  '150624': 90,
  '150625': 90,
  '150626': 90,
  '150627': 100,
};
const MUNICIPAL_MEMBERS = 300;
const REGIONAL_MEMBERS = 8;

/**
 * The township-level unit of each district that no demo home covers (its last, by code), so every
 * district's staff can try establishing one: it is on the coverage page's gaps and in the new-home form.
 */
export const DEMO_OPEN_TOWNSHIPS: Record<string, string> = Object.fromEntries(
  DISTRICT_CODES.map((code) => [code, TOWNSHIPS[code]!.at(-1)!]),
);
const coverable = (code: string) => TOWNSHIPS[code]!.filter((t) => t !== DEMO_OPEN_TOWNSHIPS[code]);

/**
 * Township homes per district: [status of the home in its 1st, 2nd … township], or an operating
 * home in every township but the open one.
 */
const TOWNSHIP_PLAN: Record<string, HomeStatus[] | 'all_operating'> = {
  '150602': 'all_operating',
  '150603': 'all_operating',
  '150621': [
    'operating',
    'operating',
    'surveyed',
    'operating',
    'planned',
    'operating',
    'approved',
    'operating',
  ],
  '150622': ['operating', 'operating', 'proposed', 'operating', 'reviewed', 'operating', 'rejected'],
  '150627': ['operating', 'suspended', 'operating', 'approved'],
  '150623': ['operating', 'surveyed'],
  '150624': ['operating', 'closed', 'operating'],
  '150625': ['proposed'],
  '150626': ['operating', 'reviewed'],
};
/** Village homes: district → statuses. None in 杭锦旗 and 乌审旗. */
const VILLAGE_PLAN: Record<string, HomeStatus[]> = {
  '150602': ['operating', 'operating', 'operating', 'proposed', 'suspended'],
  '150603': ['operating', 'operating', 'planned'],
  '150621': ['operating', 'operating', 'surveyed', 'proposed'],
  '150622': ['operating', 'operating', 'reviewed', 'planned'],
  '150627': ['operating', 'approved'],
  '150624': ['operating', 'operating'],
};
const SECTOR_GROUP_STATUSES: HomeStatus[] = [
  'operating',
  'operating',
  'operating',
  'operating',
  'operating',
  'operating',
  'reviewed',
  'proposed',
];
/** Member studios: [status, municipal?, online?, district]. */
const STUDIO_PLAN: Array<[HomeStatus, 'municipal' | string, boolean]> = [
  ['operating', 'municipal', false],
  ['operating', 'municipal', true],
  ['reviewed', 'municipal', false],
  ['proposed', 'municipal', true],
  ['closed', 'municipal', false],
  ['operating', '150602', false],
  ['operating', '150602', true],
  ['surveyed', '150602', false],
  ['operating', '150603', false],
  ['planned', '150621', false],
  ['operating', '150622', true],
  ['approved', '150627', false],
  ['rejected', '150624', false],
  ['suspended', '150626', false],
  ['operating', '150625', false],
];
/** Industry homes: [status, owner (municipal unit or district code), trade]. */
const INDUSTRY_PLAN: Array<[HomeStatus, string, string]> = [
  ['operating', 'office', '煤炭'],
  ['operating', 'committee-2', '金融'],
  ['planned', 'office', '医疗卫生'],
  ['suspended', 'committee-4', '律师'],
  ['operating', '150624', '绒纺'],
  ['operating', '150622', '能源化工'],
  ['operating', '150627', '文化旅游'],
  ['approved', '150603', '数字经济'],
  ['rejected', '150621', '光伏新能源'],
  ['closed', '150602', '服装'],
];

const SEED = 20260101;

async function hasMembers(db: Db): Promise<boolean> {
  return (await db.selectFrom('members').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Demo members (≈300 municipal, a few regional, 1,000 district) and ≈100 homes in every status
 * and kind, with their histories; links the `member` and `director` demo accounts. Runs only on
 * a database without members, in one transaction.
 */
export async function seedDemoMembersAndHomes(db: Db): Promise<boolean> {
  if (await hasMembers(db)) return false;

  const rng = new Rng(SEED);
  let phone = 0;
  const members: MemberSeed[] = [];
  for (let i = 0; i < MUNICIPAL_MEMBERS; i++) {
    members.push(makeMember(rng, { level: 'municipal', sectorGroupId: SECTOR_GROUP_IDS[i % 8]! }, phone++));
  }
  for (let i = 0; i < REGIONAL_MEMBERS; i++) {
    members.push(makeMember(rng, { level: 'regional', sectorGroupId: SECTOR_GROUP_IDS[i % 8]! }, phone++));
  }
  for (const [code, count] of Object.entries(DISTRICT_MEMBERS)) {
    for (let i = 0; i < count; i++)
      members.push(makeMember(rng, { level: 'district', districtCode: code }, phone++));
  }
  const pools = poolsOf(members);
  const plaques = new PlaqueNumbers();
  const built: BuiltHome[] = [];

  SECTOR_GROUP_IDS.forEach((group, i) => {
    const status = SECTOR_GROUP_STATUSES[i]!;
    // the operating ones started in 2023 so that most plaques read 〔2024〕
    const startDay = status === 'operating' ? rng.int(330, 420) : undefined;
    built.push(
      buildHome(
        rng,
        { kind: 'sector_group', status, level: 'municipal', ownerUnitId: group, startDay },
        pools,
        plaques,
      ),
    );
  });

  // the `director` account leads the first township home of 东胜区, the `member` account belongs to it
  const dongsheng = pools.byDistrict['150602']!;
  const directorMember = dongsheng[0]!;
  for (const [code, plan] of Object.entries(TOWNSHIP_PLAN)) {
    const townships = plan === 'all_operating' ? coverable(code) : rng.shuffle(coverable(code));
    const statuses = plan === 'all_operating' ? townships.map((): HomeStatus => 'operating') : plan;
    statuses.forEach((status, i) => {
      const first = code === '150602' && i === 0;
      built.push(
        buildHome(
          rng,
          {
            kind: 'township',
            status,
            level: 'district',
            ownerUnitId: orgUnitId.district(code),
            districtCode: code,
            regionCode: townships[i]!,
            ...(first ? { directorId: directorMember.id } : {}),
          },
          pools,
          plaques,
        ),
      );
    });
  }
  const directorHome = built.find(
    (b) => b.home.directorMemberId === directorMember.id && b.home.kind === 'township',
  )!;

  for (const [code, statuses] of Object.entries(VILLAGE_PLAN)) {
    const villages = rng.shuffle(coverable(code).flatMap((t) => VILLAGES[t] ?? []));
    statuses.forEach((status, i) => {
      built.push(
        buildHome(
          rng,
          {
            kind: 'village',
            status,
            level: 'district',
            ownerUnitId: orgUnitId.district(code),
            districtCode: code,
            regionCode: villages[i]!,
          },
          pools,
          plaques,
        ),
      );
    });
  }

  for (const [status, where, online] of STUDIO_PLAN) {
    const municipal = where === 'municipal';
    built.push(
      buildHome(
        rng,
        {
          kind: 'member_studio',
          status,
          online,
          level: municipal ? 'municipal' : 'district',
          ownerUnitId: municipal ? orgUnitId.office : orgUnitId.district(where),
          ...(municipal
            ? {}
            : { districtCode: where, regionCode: online ? null : rng.pick(TOWNSHIPS[where]!) }),
        },
        pools,
        plaques,
      ),
    );
  }

  for (const [status, owner, industry] of INDUSTRY_PLAN) {
    const district = /^\d{6}$/.test(owner);
    built.push(
      buildHome(
        rng,
        {
          kind: 'industry',
          status,
          industry,
          directorSectors: tradeSectors(industry),
          level: district ? 'district' : 'municipal',
          ownerUnitId: district ? orgUnitId.district(owner) : owner,
          ...(district ? { districtCode: owner } : {}),
        },
        pools,
        plaques,
      ),
    );
  }

  // the `member` account: a 东胜区 member of the director's home, neither its director nor its deputy
  const memberOfHome = directorHome.memberIds.find(
    (id) =>
      id !== directorHome.home.directorMemberId &&
      id !== directorHome.home.deputyMemberId &&
      dongsheng.some((m) => m.id === id),
  )!;

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    // a second instance starting at the same moment waits here, then finds the members
    await sql`lock table members in exclusive mode`.execute(trx);
    if (await hasMembers(trx)) return false;
    await insertChunked(trx, 'members', members);
    await insertHomes(trx, built);
    const accounts = [
      { ...DEMO_HOME_USERS[0]!, memberId: memberOfHome, roles: [{ role: 'member' as const, scopeId: null }] },
      {
        ...DEMO_HOME_USERS[1]!,
        memberId: directorMember.id,
        roles: [{ role: 'home_director' as const, scopeId: directorHome.home.id }],
      },
    ];
    for (const account of accounts) {
      const existing = await findUserByUsername(trx, account.username);
      let userId: string;
      if (existing) {
        userId = existing.id;
        await trx.updateTable('users').set({ memberId: account.memberId }).where('id', '=', userId).execute();
      } else {
        const row = await trx
          .insertInto('users')
          .values({
            username: account.username,
            displayName: account.displayName,
            passwordHash,
            memberId: account.memberId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        userId = row.id;
      }
      await replaceRoles(trx, userId, account.roles);
    }
    return true;
  });
}
