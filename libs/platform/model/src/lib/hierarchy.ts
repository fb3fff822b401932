/**
 * The organisation hierarchy's vocabulary, which every capability speaks: roles act on a subtree of
 * it (a jurisdiction), so its levels, kinds, grades and materialised paths are platform concepts.
 * The organisations capability owns the rows, their codes and their import.
 */
/** Levels of the organisation hierarchy: province → city → county/district → institution. */
export const ORG_LEVELS = ['province', 'city', 'county', 'institution'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/** What an institution is. Region nodes (province/city/county) have kind `region`. */
export const ORG_KINDS = ['region', 'hospital', 'regional_platform', 'health_commission', 'assessment_centre'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Hospital grades (医院等级). */
export const HOSPITAL_GRADES = ['3A', '3B', '3', '2A', '2B', '2', '1', 'ungraded'] as const;
export type HospitalGrade = (typeof HOSPITAL_GRADES)[number];

export const ORG_LEVEL_LABELS_ZH: Record<OrgLevel, string> = {
  province: '省',
  city: '市',
  county: '区县',
  institution: '机构',
};
export const KIND_LABELS_ZH: Record<OrgKind, string> = {
  region: '行政区域',
  hospital: '医院',
  regional_platform: '区域平台',
  health_commission: '卫生健康委员会',
  assessment_centre: '测评中心',
};
export const GRADE_LABELS_ZH: Record<HospitalGrade, string> = {
  '3A': '三级甲等',
  '3B': '三级乙等',
  '3': '三级',
  '2A': '二级甲等',
  '2B': '二级乙等',
  '2': '二级',
  '1': '一级',
  ungraded: '未定级',
};

/** Materialised path helpers: a node's path is `/rootId/.../ownId/`. */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

export function pathIds(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

/** True when the node at `path` lies in the subtree rooted at `rootPath` (itself included). */
export function isWithin(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}
