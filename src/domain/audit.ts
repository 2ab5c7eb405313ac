import { ROUND_ACTIONS, type RoundAction } from './evaluation.js';
import { HOME_ACTION_LABELS, HOME_ACTIONS } from './home-workflow.js';
import { FUND_KIND_LABELS, formatFen } from './money.js';
import { OPINION_ACTION_LABELS, OPINION_ACTIONS } from './opinion-workflow.js';

/**
 * The audit log in words (审计日志): what each `action` a service writes with `recordAudit` means,
 * grouped by the area of work it belongs to, and what each `objectType` is. The page, its filters
 * and its export read these; an action or a type missing here is shown by its code.
 * `test/audit.test.ts` checks that every action the code can write has a label.
 */

const ROUND_ACTION_LABELS: Record<RoundAction, string> = {
  start_review: '开始评审',
  confirm: '确认评定结果',
  reopen: '重新评审',
  publish: '公布评定结果',
  revise: '修订已公布的结果',
};

const family = <A extends string>(prefix: string, actions: readonly A[], label: (a: A) => string) =>
  Object.fromEntries(actions.map((a) => [`${prefix}.${a}`, label(a)]));

/** The areas of work, in the order the filter lists them, each with its actions and their labels. */
export const AUDIT_ACTION_GROUPS: ReadonlyArray<{ area: string; actions: Readonly<Record<string, string>> }> =
  [
    {
      area: '登录与令牌',
      actions: {
        'auth.login': '登录',
        'auth.login_failed': '登录失败',
        'auth.login_locked': '登录被暂停时再次尝试',
        'auth.logout': '退出登录',
        'auth.token_created': '创建 API 令牌',
        'auth.token_revoked': '吊销 API 令牌',
        'auth.password_changed': '修改自己的密码',
        'auth.second_factor_setup': '生成动态验证码密钥',
        'auth.second_factor_enabled': '启用动态验证码',
        'auth.second_factor_disabled': '停用动态验证码',
      },
    },
    {
      area: '用户',
      actions: {
        'user.create': '新建用户',
        'user.update': '修改用户',
        'user.disable': '停用用户',
        'user.unlock_sign_in': '解除登录限制',
        'user.grant_roles': '授予角色',
        'user.refuse_roles': '驳回角色申请',
        'user.reset_second_factor': '重置动态验证码',
      },
    },
    {
      area: '委员',
      actions: {
        'member.create': '新增委员',
        'member.update': '修改委员信息',
        'member.import': '导入委员名录',
        'member.import_update': '导入时修改委员信息',
        'member.reveal_phone': '查看委员完整电话',
        'member.export_full_phones': '导出含完整手机号的委员名录',
      },
    },
    {
      area: '委员之家',
      actions: {
        'home.create': '登记委员之家',
        'home.update': '修改委员之家信息',
        ...family('home', HOME_ACTIONS, (a) => `委员之家：${HOME_ACTION_LABELS[a]}`),
        'home.attachment_add': '上传委员之家附件',
        'home.remind': '提醒委员之家',
      },
    },
    {
      area: '计划、总结与制度',
      actions: {
        'plan.submit': '提交年度工作计划',
        'summary.submit': '提交年度工作总结',
        'rule.issue': '发布统一制度',
        'rule.create_supplementary': '制定补充制度',
        'rule.post': '登记制度上墙',
        'signage.post': '登记标牌悬挂',
        'reminders.run': '定时提醒',
      },
    },
    {
      area: '活动与值班',
      actions: {
        'activity.create': '新建活动',
        'activity.update': '修改活动',
        'activity.hold': '登记活动已举办',
        'activity.cancel': '取消活动',
        'activity.checkin': '活动签到',
        'activity.photo_add': '上传活动照片',
        'duty_shift.create': '安排值班',
        'duty_shift.update': '修改值班备注',
        'duty_shift.served': '登记已值班',
        'duty_shift.missed': '登记值班缺勤',
        'duty_shift.cancelled': '取消值班',
      },
    },
    {
      area: '培训',
      actions: {
        'training.create': '新建培训',
        'training.update': '修改培训',
        'training.enrol': '培训报名',
        'training.enrol_self': '本人报名培训',
        'training.withdraw': '本人取消培训报名',
        'training.attendance': '登记培训出勤',
        'training.checkin': '培训签到',
        'training.material_add': '上传培训资料',
      },
    },
    {
      area: '社情民意',
      actions: {
        'opinion.receive': '收到社情民意',
        'opinion.merge': '并入已有社情民意',
        ...family('opinion', OPINION_ACTIONS, (a) => `社情民意：${OPINION_ACTION_LABELS[a]}`),
      },
    },
    {
      area: '解难纾困',
      actions: {
        'problem.create': '登记解难纾困事项',
        'problem.update': '更新解难纾困事项',
        'problem.rate': '评价满意度',
        'problem.export_full_phones': '导出含求助人完整手机号的事项',
      },
    },
    {
      area: '履职档案',
      actions: {
        'duty.adjust': '调整履职积分',
        'duty.adjust.revoke': '撤销积分调整',
        'duty.recompute': '重新计算履职档案',
        'duty.year.close': '关闭履职年度',
        'duty.flag': '反映履职记录遗漏',
        'duty.flag.resolve': '答复履职记录遗漏',
        'points.rules.save': '保存积分规则',
        'proposal.create': '登记提案',
        'proposal.update': '修改提案',
        'report.create': '登记调研报告',
        'report.update': '修改调研报告',
      },
    },
    {
      area: '年度评价',
      actions: {
        'evaluation.create': '发起年度评价',
        'evaluation.reviewers': '设置评审人',
        'evaluation.self_summary': '提交自评',
        'evaluation.score': '评审打分',
        ...family('evaluation', Object.keys(ROUND_ACTIONS) as RoundAction[], (a) => ROUND_ACTION_LABELS[a]),
        'evaluation.commendations': '确定表彰名单',
      },
    },
    {
      area: '经费',
      actions: {
        'funds.allocate': '下拨经费',
        'funds.spend': '登记支出',
        'funds.approve': '批准支出',
        'funds.reject': '不予批准支出',
        'funds.reverse': '冲销经费记录',
        'funds.threshold': '设置支出审批限额',
      },
    },
    {
      area: '蒙古文译文',
      actions: {
        'translation.save': '修改蒙古文界面译文',
        'translation.name_save': '修改蒙古文名称',
      },
    },
    {
      area: '通知',
      actions: { 'notification.read': '阅读通知', 'notification.read_all': '全部通知标为已读' },
    },
  ];

/** Every action's label, by its code. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = Object.assign(
  {},
  ...AUDIT_ACTION_GROUPS.map((g) => g.actions),
);

/** An action in words; one without a label is shown by its code. */
export const auditActionLabel = (action: string): string => AUDIT_ACTION_LABELS[action] ?? action;

/** What the `objectType` of an audit row names. */
export const AUDIT_OBJECT_TYPE_LABELS: Readonly<Record<string, string>> = {
  user: '用户',
  api_token: 'API 令牌',
  member: '委员',
  home: '委员之家',
  rule: '制度',
  activity: '活动',
  duty_shift: '值班',
  training: '培训',
  opinion: '社情民意',
  citizen_problem: '解难纾困事项',
  duty_year: '履职年度',
  duty_adjustment: '积分调整',
  duty_flag: '履职记录遗漏',
  point_ruleset: '积分规则',
  proposal: '提案',
  research_report: '调研报告',
  evaluation_round: '年度评价',
  fund_entry: '经费记录',
  setting: '系统设置',
  notification: '通知',
  job: '定时任务',
  translation: '蒙古文界面译文',
  region: '行政区划',
  org_unit: '组织单位',
};

/** An object type in words; one without a label is shown by its code. */
export const auditObjectTypeLabel = (type: string): string => AUDIT_OBJECT_TYPE_LABELS[type] ?? type;

/** Who an audit row names when no signed-in user acted: the platform itself, or a visitor from outside. */
export const AUDIT_SYSTEM_ACTOR = '系统';
export const AUDIT_ANONYMOUS_ACTOR = '匿名访客';

// ---------------------------------------------------------------------------------------------
// What an entry changed (its before/after snapshots), in words: the fields by their Chinese names.
// `src/modules/audit/changes.ts` turns a snapshot into rows of these, with the values in words.

/**
 * What the fields of the snapshots are called, by their key, whatever object they belong to, in
 * the order the log lists them (snapshots are stored as jsonb, which keeps no order of its own):
 * what the thing is, its state, whom and what it concerns, amounts and dates, then the texts.
 */
export const AUDIT_FIELD_LABELS: Readonly<Record<string, string>> = {
  // what it is
  name: '名称',
  nameMn: '蒙古文名称',
  title: '标题',
  username: '用户名',
  displayName: '姓名',
  number: '编号',
  documentNumber: '文号',
  version: '版本',
  year: '年度',
  quarter: '季度',
  revision: '版次',
  // its kind and state
  status: '状态',
  kind: '类型',
  level: '层级',
  category: '类别',
  item: '项目',
  channel: '渠道',
  function: '职能',
  grade: '等次',
  satisfaction: '满意度',
  adoptionLevel: '采用层级',
  roles: '角色',
  role: '角色',
  pendingRoles: '待授权角色',
  pendingRolesAt: '申请授权时间',
  action: '操作',
  actions: '操作',
  disabled: '已停用',
  signInLimited: '登录受限',
  closed: '已归档',
  revoked: '已吊销',
  passwordChanged: '修改了密码',
  secondFactor: '动态验证码',
  online: '线上工作室',
  conditionsMet: '符合基本条件',
  attended: '出勤',
  contactConsent: '同意联系',
  resultPublic: '公开办理结果',
  // whom and what it concerns
  homeId: '委员之家',
  homeIds: '委员之家',
  hostHomeIds: '主办委员之家',
  jointUnitIds: '联合单位',
  ownerUnitId: '所属单位',
  orgUnitId: '所属单位',
  sectorGroupId: '界别活动组',
  organiserUnitId: '主办单位',
  regionCode: '所在地',
  memberId: '委员',
  memberIds: '委员',
  directorMemberId: '负责人',
  deputyMemberId: '副负责人',
  assignedMemberId: '承办委员',
  handlerMemberId: '承办委员',
  leadMemberId: '牵头委员',
  attendeeMemberIds: '参加委员',
  userId: '用户',
  userIds: '用户',
  proposedBy: '申请人',
  activityId: '关联活动',
  opinionId: '关联社情民意',
  ruleIds: '制度',
  trainingId: '培训',
  reversalId: '冲正记录',
  reversesId: '冲正的记录',
  reporter: '反映人',
  requesterName: '求助人',
  requesterPhone: '求助人电话',
  leader: '批示领导',
  department: '部门',
  handlerDepartment: '承办部门',
  // amounts, counts and dates
  fen: '金额',
  amount: '金额',
  amountFen: '金额',
  'funds.approval_threshold_fen': '支出审批限额',
  approvalThreshold: '支出审批限额',
  points: '分值',
  cap: '上限',
  unit: '单位',
  memberQuota: '表彰委员名额',
  validFromYear: '起始年度',
  score: '得分',
  count: '数量',
  citizenCount: '群众人数',
  capacity: '名额',
  occurredOn: '日期',
  startsAt: '开始时间',
  endsAt: '结束时间',
  expiresAt: '到期时间',
  lastLoginAt: '最近登录',
  postedOn: '上墙日期',
  effectiveOn: '施行日期',
  submittedOn: '提交日期',
  decidedOn: '立案审查日期',
  completedOn: '完成日期',
  forwardedOn: '报送日期',
  instructedOn: '批示日期',
  meeting: '主席会议',
  meetingDate: '会议日期',
  plaqueNo: '牌匾编号',
  awardedOn: '授牌日期',
  plaqueAwardedOn: '授牌日期',
  // a home's and a member's facts
  brand: '品牌',
  specialty: '特色',
  address: '地址',
  venueType: '场所类型',
  sharedWith: '共建场所',
  equipment: '设施设备',
  openingHours: '开放时间',
  onlineUrl: '网上平台地址',
  place: '地点',
  audience: '对象',
  gender: '性别',
  ethnicity: '民族',
  sector: '界别',
  employer: '工作单位',
  expertise: '专长',
  phone: '手机号',
  departments: '部门',
  // the texts
  description: '说明',
  summary: '摘要',
  content: '内容',
  body: '正文',
  report: '调研报告',
  plan: '建设方案',
  situation: '基本情况',
  analysis: '分析',
  suggestion: '建议',
  draft: '稿件',
  instruction: '批示',
  reply: '答复',
  result: '办理结果',
  outcomes: '成效',
  items: '事项',
  categories: '积分类别',
  rules: '积分项目',
  label: '名称',
  response: '处理意见',
  opinion: '意见',
  comment: '意见',
  reason: '理由',
  note: '备注',
  // files and runs
  attachmentIds: '附件',
  receiptAttachmentId: '票据',
  photoId: '照片',
  filename: '文件名',
  size: '大小',
  rows: '行数',
  fullPhones: '含完整手机号的行数',
  filters: '筛选条件',
  q: '关键词',
  created: '新增',
  updated: '更新',
  unchanged: '未变',
  unchangedMasked: '号码隐藏未变',
  notManaged: '无权修改',
  skipped: '跳过',
  due: '到期数',
  notified: '通知人数',
  ms: '用时（毫秒）',
};

const FIELD_ORDER = new Map(Object.keys(AUDIT_FIELD_LABELS).map((field, i) => [field, i]));

/** Where a field stands in the log's list: as in `AUDIT_FIELD_LABELS`; unknown ones after, by key. */
export const auditFieldRank = (field: string): number => FIELD_ORDER.get(field) ?? FIELD_ORDER.size;

/** Where an object type calls a field otherwise. */
export const AUDIT_FIELD_LABELS_BY_TYPE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  home: { memberIds: '成员' },
  fund_entry: { note: '审批意见' },
  evaluation_round: { userIds: '评审人', items: '评分项' },
  training: { userIds: '学员', description: '内容' },
  api_token: { name: '令牌名称' },
  member: { name: '姓名', title: '职务' },
  user: { memberId: '关联委员' },
};

/** A field's name in words: as its object type calls it, else as all do; unknown ones by their key. */
export const auditFieldLabel = (objectType: string | null, field: string): string =>
  (objectType ? AUDIT_FIELD_LABELS_BY_TYPE[objectType]?.[field] : undefined) ??
  AUDIT_FIELD_LABELS[field] ??
  field;

/**
 * Fields a snapshot may carry that the log does not show: row ids and bookkeeping, secrets, and
 * names copied beside an id (the id is shown by its name).
 */
export const AUDIT_HIDDEN_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'createdAt',
  'updatedAt',
  'createdBy',
  'createdByName',
  'recordedBy',
  'password',
  'passwordHash',
  'tokenHash',
  'storageKey',
  'ownerType',
  'ownerId',
  'transitionId',
  'uploadedBy',
  'contentType',
  'isDemo',
  'homeName',
  'regionName',
  'directorName',
  'memberName',
  'ownerUnitName',
  'orgUnitName',
  'checkinCode',
  'phoneMasked',
]);

/** The kinds of thing an id in a snapshot names, by the field that holds it (one id or a list). */
export const AUDIT_REFERENCE_FIELDS: Readonly<Record<string, string>> = {
  homeId: 'home',
  homeIds: 'home',
  hostHomeIds: 'home',
  memberId: 'member',
  memberIds: 'member',
  directorMemberId: 'member',
  deputyMemberId: 'member',
  assignedMemberId: 'member',
  handlerMemberId: 'member',
  leadMemberId: 'member',
  attendeeMemberIds: 'member',
  userId: 'user',
  userIds: 'user',
  proposedBy: 'user',
  activityId: 'activity',
  opinionId: 'opinion',
  ruleIds: 'rule',
  trainingId: 'training',
  reversalId: 'fund_entry',
  reversesId: 'fund_entry',
  ownerUnitId: 'org_unit',
  orgUnitId: 'org_unit',
  sectorGroupId: 'org_unit',
  organiserUnitId: 'org_unit',
  jointUnitIds: 'org_unit',
  regionCode: 'region',
  attachmentIds: 'attachment',
  receiptAttachmentId: 'attachment',
  photoId: 'attachment',
};

/** Values no other domain file names in words: a duty shift's or a flag's state, a sign, why a sign-in failed. */
export const AUDIT_VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  dutyShiftStatus: { scheduled: '待值班', served: '已值班', missed: '未值班', cancelled: '已取消' },
  signageItem: { outdoor_sign: '户外标牌', member_board: '委员信息公示牌', rules_board: '制度牌' },
  loginFailure: { unknown_user: '用户名不存在', wrong_password: '密码错误', disabled: '账号已停用' },
  dutyFlagStatus: { open: '待处理', resolved: '已处理', rejected: '未采纳' },
};

/** A fund entry as the log names it: 康巴什区政协委员之家 支出 1,200.00 元 2026-03-02. */
export function fundEntryName(entry: {
  homeName: string;
  kind: 'allocation' | 'expenditure';
  reversesId: string | null;
  amountFen: number | string;
  occurredOn: string;
}): string {
  const kind = FUND_KIND_LABELS[entry.reversesId ? 'reversal' : entry.kind];
  const fen = BigInt(entry.amountFen);
  return `${entry.homeName} ${kind} ${formatFen(fen < 0n ? -fen : fen)} 元 ${entry.occurredOn}`;
}
