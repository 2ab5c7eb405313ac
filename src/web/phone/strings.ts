// The members' phone pages' words (sign-in, check-in), in Chinese: one source for these pages and
// for the admin UI's dictionary (src/web/i18n/zh-CN.ts takes them from here). `{{name}}` marks a
// value put in (`fill`).

export const phoneStrings = {
  app: {
    name: '鄂尔多斯市政协委员之家工作平台',
    shortName: '委员之家',
  },
  auth: {
    title: '用户登录',
    username: '用户名',
    password: '密码',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    submit: '登录',
    submitting: '正在登录…',
    logout: '退出登录',
    loginFailed: '登录失败',
    portalLink: '公众服务：查找委员之家、反映意见、查询进度',
    otp: '动态验证码',
    otpHint: '该账号已启用动态验证码，请输入手机验证器上显示的 6 位数字',
    otpHintAgain: '该账号已启用动态验证码：请再次输入密码，并输入手机验证器上显示的 6 位数字',
    otpRequired: '请输入 6 位动态验证码',
    otpFormat: '动态验证码为 6 位数字',
    signedInGoingOn: '已登录，正在进入…',
  },
  checkin: {
    title: '活动签到',
    time: '时间',
    place: '地点',
    hosts: '主办',
    signInFirst: '登录后签到',
    submit: '签到',
    submitting: '正在签到…',
    success: '签到成功',
    successAt: '已签到 · {{time}}',
    already: '您已签到',
    notOpen: '签到未开放',
    notOpenHint: '签到时间为活动开始前 1 小时至活动结束。',
    notLinked: '当前账号未关联委员',
    notLinkedHint: '请联系政协工作人员关联您的委员信息后再签到。',
    notFound: '签到码无效',
    notFoundHint: '请核对签到码（活动海报上二维码下方的字母和数字），或重新扫描二维码。',
    cancelled: '活动已取消',
    cancelledHint: '该活动已取消，无需签到。',
    signedOut: '登录已失效，这次签到没有提交',
    signedOutHint: '请重新登录后再点“签到”。',
    codeLabel: '签到码',
    codeHint: '活动海报上二维码下方的签到码（字母和数字），不区分大小写',
    codeRequired: '请输入签到码',
    codeLength: '签到码至少 4 位',
    codeSubmit: '下一步',
    signedInAs: '当前账号：{{name}}',
    switchAccount: '切换账号',
    failed: '签到失败',
    offline: '网络不可用，暂时无法读取活动信息',
    offlineHint: '现在签到会先保存在手机上，联网后自动提交，按点击签到的时间计。',
    queued: '签到已保存在手机上',
    queuedAt: '点击时间 {{time}}，联网后自动提交，请勿清除浏览器数据。',
    queuedCount: '有 {{count}} 条签到等待联网提交',
    sendNow: '立即重试',
    sentLater: '离线签到已提交：{{title}}（{{time}}）',
    refusedLater: '离线签到未能提交：{{title}}——{{reason}}',
    signInToSend: '登录已失效，请重新登录，保存的签到将随后自动提交',
    dismiss: '知道了',
  },
};

/** A phrase with its `{{name}}` marks replaced by the values given. */
export function fill(phrase: string, values: Record<string, string | number>): string {
  return phrase.replace(/\{\{(\w+)\}\}/g, (mark, name: string) =>
    name in values ? String(values[name]) : mark,
  );
}
