/** Password policy: at least 10 characters with letters and digits. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return '密码至少10位';
  if (password.length > 128) return '密码不能超过128位';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码必须同时包含字母和数字';
  return null;
}
