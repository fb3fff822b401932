import { checkPassword } from './password-policy';

/** The password policy's message for `password` (see checkPassword), or null when it is acceptable. */
export function passwordProblem(password: string, username?: string | null): string | null {
  return checkPassword(password, username)?.message ?? null;
}
