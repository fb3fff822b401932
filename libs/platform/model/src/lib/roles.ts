/** Roles (see DESIGN.md §1). */
export const ROLES = ['applicant', 'expert', 'coordinator', 'viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
