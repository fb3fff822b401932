import type { Role } from './roles';
/** Shapes every capability shares: the error body, a page of results, a reference to an organisation, audit entries, health. */

/** Error body of every 4xx/5xx answer. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** A stable machine-readable code (e.g. `upload.too_large`, `organisation.in_use`): the web translates it. */
  code?: string;
  /** The values the code's text names (`{ limit: '20 MB' }`), when there are any. */
  params?: Record<string, string | number>;
  /** Field or row level details, when there are any. */
  details?: unknown;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The signed-in user, as GET /api/auth/me answers (the web's session state). */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organisation: OrgRef | null;
  /** Root of the subtree the user may act in (null for admin = everything). */
  jurisdiction: OrgRef | null;
}

export interface LoginRequest {
  username: string;
  password: string;
}

/** A reference to an organisation, as lists and forms show it. */
export interface OrgRef {
  id: string;
  code: string;
  name: string;
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
