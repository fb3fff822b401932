/** Roles (see DESIGN.md §1). */
export const ROLES = ['applicant', 'expert', 'coordinator', 'viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Levels of the organisation hierarchy: province → city → county/district → institution. */
export const ORG_LEVELS = ['province', 'city', 'county', 'institution'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/** What an institution is. Region nodes (province/city/county) have kind `region`. */
export const ORG_KINDS = ['region', 'hospital', 'regional_platform', 'health_commission', 'assessment_centre'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Hospital grades (医院等级). */
export const HOSPITAL_GRADES = ['3A', '3B', '3', '2A', '2B', '2', '1', 'ungraded'] as const;
export type HospitalGrade = (typeof HOSPITAL_GRADES)[number];

export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
