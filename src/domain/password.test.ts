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
