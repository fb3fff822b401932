import type { ApiError } from '@hutong/platform-model';
import type { HospitalGrade, OrgKind, OrgLevel } from '@hutong/platform-model';
import type { ImportStatus } from './enums';

// ---- organisations ----
export interface OrgView {
  id: string;
  code: string;
  name: string;
  level: OrgLevel;
  kind: OrgKind;
  grade: HospitalGrade | null;
  regionCode: string;
  parentId: string | null;
  /** ids from the root down to this node, inclusive */
  ancestorIds: string[];
  childCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface CreateOrgRequest {
  code: string;
  name: string;
  level: OrgLevel;
  kind: OrgKind;
  grade?: HospitalGrade | null;
  regionCode: string;
  parentId?: string | null;
}

export type UpdateOrgRequest = Partial<Omit<CreateOrgRequest, 'level' | 'parentId'>>;

export interface OrgListQuery {
  parentId?: string;
  /** search in name or code */
  q?: string;
  level?: OrgLevel;
  kind?: OrgKind;
  grade?: HospitalGrade;
  page?: number;
  pageSize?: number;
  sort?: 'code' | 'name' | 'level' | 'updatedAt';
  order?: 'asc' | 'desc';
}

// ---- organisation import ----
export interface ImportRowError {
  /** 1-based line number in the file, the header being line 1 */
  line: number;
  column?: string;
  reason: string;
}

export interface ImportRejected extends ApiError {
  details: { rows: ImportRowError[]; totalRows: number };
}

export interface ImportJobView {
  id: string;
  fileName: string;
  status: ImportStatus;
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  createdBy: string;
}
