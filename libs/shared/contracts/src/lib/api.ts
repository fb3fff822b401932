import type { HospitalGrade, ImportStatus, OrgKind, OrgLevel, Role } from './enums';

/** Error body of every 4xx/5xx answer. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** Field or row level details, when there are any. */
  details?: unknown;
  /** A stable reason for clients, e.g. `organisation.in_use`, `db.unique_violation` (some errors only). */
  code?: string;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ---- identity ----
export interface LoginRequest {
  username: string;
  password: string;
}

export interface OrgRef {
  id: string;
  code: string;
  name: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organisation: OrgRef | null;
  /** Root of the subtree the user may act in (null for admin = everything). */
  jurisdiction: OrgRef | null;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  active: boolean;
  organisation: OrgRef | null;
  jurisdiction: OrgRef | null;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface CreateUserRequest {
  username: string;
  displayName: string;
  email?: string | null;
  role: Role;
  password: string;
  organisationId?: string | null;
  jurisdictionId?: string | null;
}

export interface UpdateUserRequest {
  displayName?: string;
  email?: string | null;
  role?: Role;
  active?: boolean;
  organisationId?: string | null;
  jurisdictionId?: string | null;
  /** Set to reset the password. */
  password?: string;
}

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

// ---- audit ----
export interface AuditEntryView {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** what the entry is about, by name (the organisation's, user's, application's, …), or null */
  entityLabel: string | null;
  before: unknown;
  after: unknown;
  /** names for the ids that `before`/`after` mention (organisationId, parentId, cycleId, …) */
  refs: Record<string, string>;
  ip: string | null;
}

export interface AuditQuery {
  /** Asia/Shanghai calendar dates (yyyy-MM-dd), both inclusive */
  from?: string;
  to?: string;
  actorId?: string;
  /** part of the actor's user name or display name */
  actor?: string;
  /** an action (exactly), or with a trailing dot all that start so (`organisation.`) */
  action?: string;
  entityType?: string;
  entityId?: string;
  page?: number;
  pageSize?: number;
}

// ---- health ----
export interface HealthView {
  status: 'ok' | 'error';
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string; message?: string }>;
}
