import { DEMO_PASSWORD } from '@hutong/organisations-model';
import { passwordProblem } from './passwords';

describe('passwordProblem', () => {
  it.each<[string, string]>([
    ['ten chars with letters and digits', 'abcdefghi1'],
    ['the demo password', 'Hutong-demo-2026'],
    ['upper case only with digits', 'ABCDEFGHI1'],
    ['one letter, nine digits', '123456789a'],
    ['Chinese characters among ASCII letters and digits', '互通测评abc12345'],
    ['exactly 128 characters', 'a1'.repeat(64)],
  ])('accepts %s', (_label, password) => {
    expect(passwordProblem(password)).toBeNull();
  });

  it.each<[string, string, string]>([
    ['an empty password', '', '密码至少10位'],
    ['nine characters', 'abcdefgh1', '密码至少10位'],
    ['129 characters', 'a1'.repeat(64) + 'b', '密码不能超过128位'],
    ['letters only', 'abcdefghijk', '密码必须同时包含字母和数字'],
    ['digits only', '12345678901', '密码必须同时包含字母和数字'],
    ['symbols and digits', '!!!!!!1234', '密码必须同时包含字母和数字'],
    ['Chinese characters and digits (no Latin letter)', '互通测评互通测评1234', '密码必须同时包含字母和数字'],
    ['full-width digits', 'abcdefghij１２', '密码必须同时包含字母和数字'],
  ])('rejects %s', (_label, password, reason) => {
    expect(passwordProblem(password)).toBe(reason);
  });
});

describe('the demo password', () => {
  it('meets the policy', () => {
    expect(DEMO_PASSWORD).toBe('Hutong-demo-2026');
    expect(passwordProblem(DEMO_PASSWORD)).toBeNull();
  });
});
