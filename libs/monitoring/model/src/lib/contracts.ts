/** What the monitoring api answers and takes (the web reads the same types through the generated client). */
import type { Paged } from '@hutong/platform-model';
import type { Anomaly } from './anomalies';
import type { TableDef } from './catalogue';
import type { ConnectionStatus, InstitutionMetrics, Period, Rollup, Tier } from './metrics';
import type { QualityScore } from './quality';
import type { BulletinFacts, BulletinRow, RectifyTarget } from './bulletin';
import type { ConnectivityScore, ScoreWeights } from './score';

export const KEY_SCOPES = ['statistics', 'references'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

export interface ApiKeyView {
  id: string;
  name: string;
  /** `hk_<prefix>_…`: the part of the key that identifies it */
  prefix: string;
  organisationId: string;
  organisationName: string;
  scopes: KeyScope[];
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A new key: the secret is in `key` this once and never again. */
export interface ApiKeyCreated extends ApiKeyView {
  key: string;
}

export interface IngestResult {
  batchId: string;
  items: number;
  /** institution-days written (new or changed) */
  written: number;
  /** institution-days already holding these figures (a replay) */
  unchanged: number;
  /** institution-days holding newer figures, kept (an out-of-order batch) */
  stale: number;
}

export interface CatalogueSummary {
  id: string;
  key: string;
  version: number;
  name: string;
  note: string;
  tables: TableDef[];
  createdAt: string;
}

/** The catalogue a scope requires and where that requirement was set. */
export interface RequirementView {
  catalogue: CatalogueSummary;
  /** the region that set it (the scope or a region above it) */
  setOn: { id: string; name: string };
}

export interface ConnectionView {
  status: ConnectionStatus;
  note: string;
  since: string;
  recordedBy: string;
  recordedAt: string;
}

export interface InstitutionRow {
  id: string;
  code: string;
  name: string;
  /** the region under the scope it lies in (a city of a province, a county of a city) */
  region: string;
  connection: ConnectionStatus;
  connectionNote: string;
  metrics: Omit<InstitutionMetrics, 'missingTables'> & { missingTables: number };
  reference: { visits: number | null; discharges: number | null };
  anomalies: Anomaly[];
}

export interface RegionRollupView {
  id: string;
  name: string;
  rollup: Rollup;
}

export interface OverviewView {
  scope: { id: string; name: string; level: string };
  period: Period;
  asOf: string;
  days: number;
  requirement: RequirementView;
  rollup: Rollup;
  /** the scope's direct sub-regions (a province's cities …), each its subtree's rollup */
  children: RegionRollupView[];
  /** institutions with at least one anomaly */
  anomalies: number;
  rows: Paged<InstitutionRow>;
  /** server time of the computation, ms */
  computedMs: number;
}

export interface OverviewQuery {
  scope: string;
  from: string;
  to: string;
  asOf?: string;
  tier?: Tier;
  connection?: ConnectionStatus;
  anomalous?: boolean;
  q?: string;
  sort?: 'name' | 'volume' | 'completeness' | 'uploadDays' | 'outpatientRate' | 'tier';
  dir?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export interface InstitutionDetailView {
  org: { id: string; code: string; name: string };
  period: Period;
  asOf: string;
  requirement: RequirementView;
  metrics: InstitutionMetrics;
  reference: { visits: number | null; discharges: number | null };
  connection: ConnectionView | null;
  connectionHistory: ConnectionView[];
  anomalies: Anomaly[];
  /** the required tables × the counted days: records (0 = none) */
  grid: { tables: TableDef[]; days: string[]; counts: number[][] };
  /** each counted day's records over every table */
  daily: { date: string; records: number }[];
  /** the regional scheme's 5.2.2 data-quality scores from these figures (for a regional platform) */
  quality: QualityScore[];
  /** the 互联互通度 score of these figures (default weights) */
  score: ConnectivityScore;
}

export interface ReferenceRowInput {
  org: string;
  from: string;
  to: string;
  visits: number | null;
  discharges: number | null;
}

export interface MonitoringImportView {
  id: string;
  fileName: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  totalItems: number;
  processedItems: number;
  rows: number;
  written: number | null;
  unchanged: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  createdBy: string;
}

export interface TrendPoint {
  date: string;
  records: number;
  /** institutions with records that day */
  institutions: number;
}

/** Upload days per institution (a calendar heat map): `uploaded[i]` is whether `days[i]` has records. */
export interface UploadCalendarView {
  days: string[];
  rows: Paged<{ id: string; name: string; uploaded: boolean[] }>;
}

export type BulletinStatus = 'draft' | 'published' | 'superseded';

/** A line of a bulletin's attachment table: the institution's figures when the bulletin was generated. */
export interface BulletinTableRow extends BulletinRow {
  orgId: string;
  code: string;
  region: string;
  completeness: number;
  outpatientRate: number | null;
  dischargeRate: number | null;
  lastUploadDate: string | null;
  /** its anomalies' kinds */
  anomalies: string[];
}

export interface BulletinSummary {
  id: string;
  seriesId: string;
  version: number;
  status: BulletinStatus;
  title: string;
  scopeId: string;
  scopeName: string;
  period: Period;
  asOf: string;
  institutions: number;
  connected: number;
  createdAt: string;
  createdBy: string;
  publishedAt: string | null;
  publishedBy: string | null;
  /** rectification tasks opened from it */
  tasksOpened: number;
}

export interface BulletinView extends BulletinSummary {
  issuer: string;
  catalogue: string;
  requirement: { text: string; due: string } | null;
  facts: BulletinFacts;
  /** the narrative as generated (what its figures are checked against) */
  generated: string[];
  narrative: string[];
  rows: BulletinTableRow[];
}

/** Which of a bulletin's institutions a rectification action is for (`rectifyTargets` of bulletin.ts). */
export const RECTIFY_TARGETS: readonly RectifyTarget[] = ['not_connected', 'interrupted', 'tier3', 'tier4'];

export interface RectificationResult {
  /** tasks opened now */
  opened: number;
  /** institutions that already had one from this bulletin */
  skipped: number;
}

export interface ScoreRow {
  id: string;
  code: string;
  name: string;
  region: string;
  connection: ConnectionStatus;
  score: ConnectivityScore;
}

/** The annual 互联互通度 scores of a scope's institutions, highest first. */
export interface ScoreView {
  scope: { id: string; name: string };
  year: number;
  period: Period;
  asOf: string;
  weights: ScoreWeights;
  average: number;
  rows: Paged<ScoreRow>;
}
