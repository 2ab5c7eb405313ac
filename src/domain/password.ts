/** The password rule (API.md): at least 8 characters, with both letters and digits. */
export const PASSWORD_RULE = '密码至少 8 位，且须同时包含字母和数字';

/** The whole rule in words, for the forms that ask for a new password. */
export const PASSWORD_RULE_TEXT =
  '至少 8 位，同时包含字母和数字；不能是常见密码，不能包含用户名，不能包含“鄂尔多斯”“政协”等单位名称（含拼音、英文），不能与最近 5 次用过的密码相同';

/**
 * Passwords every guessing list starts with, compared case-insensitively. `demo2026` is the demo
 * accounts' password: the demo seeds it directly, so only choosing it anew is refused.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'admin123',
  'admin1234',
  'admin888',
  'admin12345',
  'root1234',
  'test1234',
  'abc12345',
  'abc123456',
  'abcd12345',
  'a1234567',
  'a12345678',
  'a123456789',
  'aa123456',
  'aa12345678',
  '12345678a',
  '123456789a',
  '1234567a',
  '1qaz2wsx',
  'qwer1234',
  'qwerty123',
  'qwerty12',
  'qwe12345',
  'asdf1234',
  'zxcv1234',
  'iloveyou1',
  'woaini1314',
  'woaini520',
  '5201314a',
  'changeme1',
  'welcome1',
  'letmein1',
  'abc123abc',
  'q1w2e3r4',
  '1q2w3e4r',
  'demo2026',
]);

/** Names of the place and the institution, in characters, pinyin and English. */
const LOCAL_WORDS = ['ordos', 'eerduosi', '鄂尔多斯', 'cppcc', 'zhengxie', '政协'];

export interface PasswordContext {
  /** the account's name: a password containing it (3 characters or more) is refused */
  username?: string;
}

export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  if (password.length < 8 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) return PASSWORD_RULE;
  if (password.length > 128) return '密码不能超过 128 位';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return '这是常见密码，容易被猜中，请换一个';
  if (LOCAL_WORDS.some((word) => lower.includes(word))) {
    return '密码不能包含“鄂尔多斯”“政协”等单位名称（含拼音、英文）';
  }
  const username = context.username?.trim().toLowerCase() ?? '';
  if (username.length >= 3 && lower.includes(username)) return '密码不能包含用户名';
  return null;
}
