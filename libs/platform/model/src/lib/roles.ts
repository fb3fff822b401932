/** Roles (see DESIGN.md §1). `national`: the 国家级管理机构 — rates 五级乙等 and above, spot-checks and publishes
 * results; reads nationwide like an admin, without the admin's rights (users, organisations, audit). */
export const ROLES = ['applicant', 'expert', 'coordinator', 'viewer', 'national', 'admin'] as const;
export type Role = (typeof ROLES)[number];
