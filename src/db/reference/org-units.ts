import type { Insertable } from 'kysely';
import type { OrgUnitTable } from '../schema.js';

type OrgUnit = Insertable<OrgUnitTable>;

/** The nine banner/district CPPCCs: real names and national codes. */
export const DISTRICT_CPPCCS: Array<[regionCode: string, name: string]> = [
  ['150602', '东胜区政协'],
  ['150603', '康巴什区政协'],
  ['150621', '达拉特旗政协'],
  ['150622', '准格尔旗政协'],
  ['150623', '鄂托克前旗政协'],
  ['150624', '鄂托克旗政协'],
  ['150625', '杭锦旗政协'],
  ['150626', '乌审旗政协'],
  ['150627', '伊金霍洛旗政协'],
];

/** Special committees: demo names until the office enters its own (isDemo marks them). */
const COMMITTEES = ['提案委员会', '经济委员会', '文化文史和学习委员会', '社会和法制委员会', '民族宗教委员会'];

/** The 8 sector activity groups (§4.1): demo names, marked as such. */
const SECTOR_GROUPS = [
  '经济界别活动组',
  '农牧业界别活动组',
  '教育界别活动组',
  '科技界别活动组',
  '文化艺术界别活动组',
  '医药卫生界别活动组',
  '社会福利和社会保障界别活动组',
  '民族宗教界别活动组',
];

export const orgUnitId = {
  municipal: 'municipal',
  office: 'office',
  committee: (n: number) => `committee-${n}`,
  sectorGroup: (n: number) => `sector-group-${n}`,
  district: (regionCode: string) => `district-${regionCode}`,
};

/** Parents come before children, so inserting in this order satisfies the foreign keys. */
export const ORG_UNITS: OrgUnit[] = [
  {
    id: orgUnitId.municipal,
    kind: 'municipal',
    name: '政协鄂尔多斯市委员会',
    regionCode: '150600',
    parentId: null,
    isDemo: false,
    sort: 0,
  },
  {
    id: orgUnitId.office,
    kind: 'office',
    name: '政协鄂尔多斯市委员会办公室',
    regionCode: '150600',
    parentId: orgUnitId.municipal,
    isDemo: false,
    sort: 1,
  },
  ...COMMITTEES.map(
    (name, i): OrgUnit => ({
      id: orgUnitId.committee(i + 1),
      kind: 'committee',
      name,
      regionCode: null,
      parentId: orgUnitId.municipal,
      isDemo: true,
      sort: 10 + i,
    }),
  ),
  ...SECTOR_GROUPS.map(
    (name, i): OrgUnit => ({
      id: orgUnitId.sectorGroup(i + 1),
      kind: 'sector_group',
      name,
      regionCode: null,
      parentId: orgUnitId.municipal,
      isDemo: true,
      sort: 30 + i,
    }),
  ),
  ...DISTRICT_CPPCCS.map(
    ([regionCode, name], i): OrgUnit => ({
      id: orgUnitId.district(regionCode),
      kind: 'district',
      name,
      regionCode,
      parentId: null,
      isDemo: false,
      sort: 50 + i,
    }),
  ),
];
