import type { Role } from '@hutong/shared-contracts';

/** Roles that act on a jurisdiction subtree. Applicants act on their own organisation; admins on everything. */
export function jurisdictionRequired(role: Role): boolean {
  return role === 'coordinator' || role === 'viewer' || role === 'expert';
}

/** Roles that must belong to an organisation: an applicant's unit; an expert's employer (for conflicts of interest). */
export function organisationRequired(role: Role): boolean {
  return role === 'applicant' || role === 'expert';
}

/** Which roles may manage organisations (create, edit, import) inside their jurisdiction. */
export const ORG_WRITERS: Role[] = ['admin', 'coordinator'];
export const ORG_READERS: Role[] = ['admin', 'coordinator', 'viewer', 'applicant', 'expert'];

/** Password policy: at least 10 characters with letters and digits. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return '密码至少10位';
  if (password.length > 128) return '密码不能超过128位';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码必须同时包含字母和数字';
  return null;
}
