/** The password rule (API.md): at least 8 characters, with both letters and digits. */
export const PASSWORD_RULE = '密码至少 8 位，且须同时包含字母和数字';

export function passwordProblem(password: string): string | null {
  if (password.length < 8 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) return PASSWORD_RULE;
  if (password.length > 128) return '密码不能超过 128 位';
  return null;
}
