import { COMMON_PASSWORDS } from './common-passwords';
import { DEMO_PASSWORD } from '@hutong/organisations-model';
import { checkPassword, type PasswordProblemCode } from './password-policy';

describe('checkPassword', () => {
  it.each<[string, string, string | null]>([
    ['the demo password', 'Hutong-demo-2026', 'admin'],
    ['three classes, ten characters', 'Kq7mZt2wxp', null],
    ['lower, digits and a symbol', 'tea-4-two-x', null],
    ['a 16-character passphrase of lower-case words', 'correct horse ba', null],
    ['Chinese characters among letters and digits', '互通测评Abc12345', null],
    ['exactly 128 characters', 'aB1'.repeat(42) + 'aB', null],
    ['a user name of two letters inside (too short to count)', 'Xy-Kq7mZt2wxp', 'xy'],
  ])('accepts %s', (_label, password, username) => {
    expect(checkPassword(password, username)).toBeNull();
  });

  it.each<[string, string, PasswordProblemCode, string | null]>([
    ['an empty password', '', 'password.too_short', null],
    ['nine characters', 'Abcdefg1!', 'password.too_short', null],
    ['129 characters', 'aB1'.repeat(43), 'password.too_long', null],
    ['password12', 'password12', 'password.common', null],
    ['Password123', 'Password123', 'password.common', null],
    ['a common password with a year and a symbol', 'Qwertyuiop2026!', 'password.common', null],
    ['a common password with digits in front', '2026Sunshine', 'password.common', null],
    ['the user name itself', 'Zhang.San-2026', 'password.contains_username', 'zhang.san-2026'],
    ['the user name in other case', 'XINYANG-coord#1', 'password.contains_username', 'xinyang-coord'],
    ['the user name with digits', 'coordinator2026', 'password.contains_username', 'coordinator'],
    ['letters only', 'abcdefghijk', 'password.too_simple', null],
    ['digits only', '20261122334455', 'password.too_simple', null],
    ['two classes under 16 characters', 'kq7mzt2wxpab', 'password.too_simple', null],
  ])('rejects %s', (_label, password, code, username) => {
    expect(checkPassword(password, username)?.code).toBe(code);
  });

  it('gives a Chinese message with every code', () => {
    expect(checkPassword('password12')).toEqual({ code: 'password.common', message: '密码过于常见，请换一个' });
    expect(checkPassword('short')?.message).toBe('密码至少10位');
  });

  it('keeps the demo password acceptable for every demo user', () => {
    for (const u of ['admin', 'coordinator', 'viewer', 'applicant', 'expert'])
      expect(checkPassword(DEMO_PASSWORD, u)).toBeNull();
  });

  it('ships a list of about 200 lower-case common passwords without duplicates', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(190);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
  });
});
