import type { Role } from '@hutong/shared-contracts';
import { checkPassword } from './password-policy';

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

/** The password policy's message for `password` (see checkPassword), or null when it is acceptable. */
export function passwordProblem(password: string, username?: string | null): string | null {
  return checkPassword(password, username)?.message ?? null;
}
