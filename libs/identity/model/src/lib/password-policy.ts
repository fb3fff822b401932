import { IDENTITY_MESSAGES } from './messages';
import { COMMON_PASSWORDS } from './common-passwords';

/**
 * The password policy, one rule for the api and the web form:
 * - 10 to 128 characters;
 * - not containing the user name (case-insensitive, user names of 3+ characters);
 * - not a common password, nor a common password with digits or symbols added before or after
 *   (Password123!, 2026qwerty);
 * - at least 3 of 4 character classes (lower case, upper case, digits, other), or 16+ characters
 *   (a long passphrase needs no symbols).
 */
import { PASSPHRASE_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-limits';
export { PASSPHRASE_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

export type PasswordProblemCode =
  | 'password.too_short'
  | 'password.too_long'
  | 'password.contains_username'
  | 'password.common'
  | 'password.too_simple';

export interface PasswordProblem {
  code: PasswordProblemCode;
  /** Chinese, as the api's messages. */
  message: string;
}

/** Chinese, as the api's messages (the texts live in IDENTITY_MESSAGES, with the English). */
export const PASSWORD_MESSAGES: Record<PasswordProblemCode, string> = {
  'password.too_short': IDENTITY_MESSAGES['password.too_short'].zh,
  'password.too_long': IDENTITY_MESSAGES['password.too_long'].zh,
  'password.contains_username': IDENTITY_MESSAGES['password.contains_username'].zh,
  'password.common': IDENTITY_MESSAGES['password.common'].zh,
  'password.too_simple': IDENTITY_MESSAGES['password.too_simple'].zh,
};

/** What the form shows next to the password field. */
export const PASSWORD_RULE_ZH = `至少${PASSWORD_MIN_LENGTH}位，不含用户名，不是常见密码；包含大写字母、小写字母、数字、符号中的至少三类（或长度不少于${PASSPHRASE_LENGTH}位）`;
export const PASSWORD_RULE_EN = `At least ${PASSWORD_MIN_LENGTH} characters, not containing the user name, not a common password; at least 3 of upper case, lower case, digits and symbols (or ${PASSPHRASE_LENGTH}+ characters)`;

const COMMON = new Set(COMMON_PASSWORDS);
const DECORATION = /^[^\p{L}]+|[^\p{L}]+$/gu;

function classes(password: string): number {
  let n = 0;
  if (/\p{Ll}/u.test(password)) n++;
  if (/\p{Lu}/u.test(password)) n++;
  if (/\p{Nd}/u.test(password)) n++;
  if (/[^\p{Ll}\p{Lu}\p{Nd}]/u.test(password)) n++;
  return n;
}

/** The first rule `password` breaks, or null when it is acceptable. */
export function checkPassword(password: string, username?: string | null): PasswordProblem | null {
  const problem = (code: PasswordProblemCode): PasswordProblem => ({ code, message: PASSWORD_MESSAGES[code] });
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return problem('password.too_short');
  if (length > PASSWORD_MAX_LENGTH) return problem('password.too_long');
  const lower = password.toLowerCase();
  const name = (username ?? '').trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) return problem('password.contains_username');
  const core = lower.replace(DECORATION, '');
  if (COMMON.has(lower) || COMMON.has(core)) return problem('password.common');
  if (length < PASSPHRASE_LENGTH && classes(password) < 3) return problem('password.too_simple');
  return null;
}
