import { describe, expect, it } from 'vitest';
import { PASSWORD_RULE, passwordProblem } from './password.js';

describe('the password rule: at least 8 characters with letters and digits', () => {
  it.each([
    ['abcd1234', null],
    ['密码abc12345', null],
    ['abc1234', PASSWORD_RULE],
    ['abcdefgh', PASSWORD_RULE],
    ['12345678', PASSWORD_RULE],
    ['', PASSWORD_RULE],
    [`a1${'x'.repeat(127)}`, '密码不能超过 128 位'],
  ])('%s → %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });
});

describe('passwords that are easy to guess', () => {
  it.each(['password1', 'Admin123', '12345678A', 'QWERTY123', 'abc12345', 'a1234567', 'demo2026'])(
    'refuses the common password %s, whatever its case',
    (password) => {
      expect(passwordProblem(password)).toBe('这是常见密码，容易被猜中，请换一个');
    },
  );

  it.each(['Ordos2026x', 'eerduosi88', '鄂尔多斯2026a', 'cppcc2026', 'ZhengXie99', '政协abc123'])(
    'refuses %s, built from the place or the institution',
    (password) => {
      expect(passwordProblem(password)).toMatch(/鄂尔多斯/);
    },
  );

  it('refuses a password containing the username, case-insensitively, from 3 characters on', () => {
    expect(passwordProblem('Wangli2026', { username: 'wangli' })).toBe('密码不能包含用户名');
    expect(passwordProblem('xWANGLI99', { username: 'WangLi' })).toBe('密码不能包含用户名');
    expect(passwordProblem('ab2026xyz', { username: 'ab' })).toBeNull();
    expect(passwordProblem('Wangli2026')).toBeNull();
  });
});
