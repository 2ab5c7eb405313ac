import { ROUND_ACTIONS, type RoundAction } from './evaluation.js';
import { HOME_ACTION_LABELS, HOME_ACTIONS } from './home-workflow.js';
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
        'auth.login_locked': '登录被锁定时再次尝试',
        'auth.logout': '退出登录',
        'auth.token_created': '创建 API 令牌',
        'auth.token_revoked': '吊销 API 令牌',
      },
    },
    {
      area: '用户',
      actions: { 'user.create': '新建用户', 'user.update': '修改用户', 'user.disable': '停用用户' },
    },
    {
      area: '委员',
      actions: {
        'member.create': '新增委员',
        'member.update': '修改委员信息',
        'member.import': '导入委员名录',
        'member.reveal_phone': '查看委员完整电话',
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
};

/** An object type in words; one without a label is shown by its code. */
export const auditObjectTypeLabel = (type: string): string => AUDIT_OBJECT_TYPE_LABELS[type] ?? type;

/** Who an audit row names when no signed-in user acted: the platform itself, or a visitor from outside. */
export const AUDIT_SYSTEM_ACTOR = '系统';
export const AUDIT_ANONYMOUS_ACTOR = '匿名访客';
