import type { Role } from './roles';

/** Roles whose scope is the whole hierarchy (scope path `/`): admins, and the national body (国家级管理机构). */
export function nationwide(role: Role): boolean {
  return role === 'admin' || role === 'national';
}

/** Roles that act on a jurisdiction subtree. Applicants act on their own organisation; admins and the national
 * body on everything (nationwide). */
export function jurisdictionRequired(role: Role): boolean {
  return role === 'coordinator' || role === 'viewer' || role === 'expert';
}

/** Roles that must belong to an organisation: an applicant's unit; an expert's employer (for conflicts of interest). */
export function organisationRequired(role: Role): boolean {
  return role === 'applicant' || role === 'expert';
}

/** Which roles may manage organisations (create, edit, import) inside their jurisdiction. */
export const ORG_WRITERS: Role[] = ['admin', 'coordinator'];
export const ORG_READERS: Role[] = ['admin', 'national', 'coordinator', 'viewer', 'applicant', 'expert'];
