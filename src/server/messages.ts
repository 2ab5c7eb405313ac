/**
 * The API's common error messages, in Chinese: one source for the errors that say them and for
 * their Mongolian (the errors.* strings translators keep, sent to a client asking for mn).
 */
export const ERROR_MESSAGES = {
  unauthenticated: '请先登录',
  forbidden: '没有权限执行此操作',
  notFound: '找不到该记录',
  invalid: '提交的内容有误，请检查标出的字段',
  badJson: '请求内容不是有效的 JSON',
  badRequest: '请求格式不正确',
  tooLarge: '请求内容过大',
  tooFrequent: '请求过于频繁，请稍后再试',
  noRoute: '接口不存在',
  internal: '服务器内部错误，请稍后重试',
} as const;
