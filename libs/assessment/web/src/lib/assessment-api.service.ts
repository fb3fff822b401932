import { Injectable, inject } from '@angular/core';
import type {
  AnswerChange,
  ApplicationAction,
  ApplicationState,
  ApplicationSummary,
  ApplicationVersionView,
  ApplicationView,
  BulkTransitionRequest,
  BulkTransitionResult,
  ConsensusScoresRequest,
  CreateApplicationRequest,
  CreateCycleRequest,
  CycleView,
  DocumentReviewRequest,
  UpdateCycleRequest,
  EvidenceView,
  Level,
  PublicityEntry,
  RecordConformanceRequest,
  RecordOnsiteRequest,
  SaveAnswersRequest,
  SchemeSummary,
  SchemeView,
  SpotCheckRequest,
  TransitionRequest,
  UpdateSchemeRequest,
} from '@hutong/assessment-model';
import type { OrgKind, Paged } from '@hutong/platform-model';
import {
  ApiClient,
  applicationAddEvidence,
  applicationCreate,
  applicationBulk,
  applicationConformance,
  applicationDiff,
  applicationDocumentReview,
  applicationEvidence,
  applicationGet,
  applicationList,
  applicationObject,
  applicationOnsiteResult,
  applicationPublicity,
  applicationRemoveEvidence,
  applicationReport,
  applicationSave,
  applicationScores,
  applicationSpotCheck,
  applicationTransition,
  applicationVersions,
  cycleArchive,
  cycleBoard,
  cycleClose,
  cycleCreate,
  cycleGet,
  cycleList,
  cycleResults,
  cycleUpdate,
  operationUrl,
  schemeExportJson,
  schemeExportXlsx,
  schemeGet,
  schemeImportScheme,
  schemeList,
  schemeUpdate,
} from '@hutong/platform-web';

/** Filters of a cycle board (GET /cycles/:id/applications). */
export interface BoardFilter {
  state?: ApplicationState | null;
  kind?: OrgKind | null;
  targetLevel?: Level | null;
  late?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
  sort?: BoardSort | null;
  dir?: 'asc' | 'desc' | null;
}

export type BoardSort = 'code' | 'name' | 'state' | 'dueDate' | 'updatedAt';

/** The query of a board filter, leaving out empty values. */
export function boardQuery(f: BoardFilter) {
  return {
    state: f.state ?? undefined,
    kind: f.kind ?? undefined,
    targetLevel: f.targetLevel ?? undefined,
    late: f.late || undefined,
    q: f.q?.trim() || undefined,
    page: f.page && f.page > 1 ? f.page : undefined,
    pageSize: f.pageSize || undefined,
    sort: f.sort ?? undefined,
    dir: f.sort ? (f.dir ?? undefined) : undefined,
  };
}

/**
 * The assessment endpoints (schemes, cycles, applications, evidence, transitions), through the client
 * generated from the OpenAPI document.
 */
@Injectable({ providedIn: 'root' })
export class AssessmentApiService {
  private readonly api = inject(ApiClient);

  // ---- publicity (公示) ----
  publicity(): Promise<PublicityEntry[]> {
    return this.api.call(applicationPublicity);
  }

  fileObjection(applicationId: string, reason: string): Promise<{ ok: true }> {
    return this.api.call(applicationObject, { path: { id: applicationId }, body: { reason } });
  }

  // ---- schemes ----
  schemes(): Promise<SchemeSummary[]> {
    return this.api.call(schemeList);
  }

  scheme(id: string): Promise<SchemeView> {
    return this.api.call(schemeGet, { path: { id } });
  }

  updateScheme(id: string, body: UpdateSchemeRequest): Promise<SchemeView> {
    return this.api.call(schemeUpdate, { path: { id }, body });
  }

  /** the scheme in the published format (JSON), or as a workbook (XLSX) */
  schemeExportUrl(id: string, format: 'json' | 'xlsx'): string {
    return operationUrl(format === 'json' ? schemeExportJson : schemeExportXlsx, { path: { id } });
  }

  importScheme(file: File): Promise<SchemeView> {
    return this.api.call(schemeImportScheme, { body: { file } }) as Promise<SchemeView>;
  }

  // ---- cycles ----
  cycles(archived = false): Promise<CycleView[]> {
    return this.api.call(cycleList, { query: { archived: archived || undefined } });
  }

  updateCycle(id: string, body: UpdateCycleRequest): Promise<CycleView> {
    return this.api.call(cycleUpdate, { path: { id }, body });
  }

  setCycleStatus(id: string, action: 'close' | 'archive'): Promise<CycleView> {
    return this.api.call(action === 'close' ? cycleClose : cycleArchive, { path: { id } });
  }

  cycle(id: string): Promise<CycleView> {
    return this.api.call(cycleGet, { path: { id } });
  }

  createCycle(body: CreateCycleRequest): Promise<CycleView> {
    return this.api.call(cycleCreate, { body });
  }

  board(cycleId: string, f: BoardFilter): Promise<Paged<ApplicationSummary>> {
    return this.api.call(cycleBoard, { path: { id: cycleId }, query: boardQuery(f) });
  }

  resultsUrl(cycleId: string): string {
    return operationUrl(cycleResults, { path: { id: cycleId } });
  }

  // ---- applications ----
  applications(): Promise<ApplicationSummary[]> {
    return this.api.call(applicationList);
  }

  application(id: string): Promise<ApplicationView> {
    return this.api.call(applicationGet, { path: { id } });
  }

  createApplication(body: CreateApplicationRequest): Promise<ApplicationView> {
    return this.api.call(applicationCreate, { body });
  }

  saveAnswers(id: string, body: SaveAnswersRequest): Promise<ApplicationView> {
    return this.api.call(applicationSave, { path: { id }, body });
  }

  uploadEvidence(id: string, itemCode: string, file: File): Promise<EvidenceView> {
    return this.api.call(applicationAddEvidence, { path: { id }, body: { itemCode, file } });
  }

  deleteEvidence(id: string, evidenceId: string): Promise<void> {
    return this.api.call(applicationRemoveEvidence, { path: { id, evidenceId } });
  }

  evidenceUrl(id: string, evidenceId: string): string {
    return operationUrl(applicationEvidence, { path: { id, evidenceId } });
  }

  transition(id: string, body: TransitionRequest): Promise<ApplicationView> {
    return this.api.call(applicationTransition, { path: { id }, body });
  }

  bulkTransition(applicationIds: string[], action: ApplicationAction, note?: string): Promise<BulkTransitionResult> {
    const body: BulkTransitionRequest = { applicationIds, action, ...(note ? { note } : {}) };
    return this.api.call(applicationBulk, { body });
  }

  saveConsensusScores(id: string, body: ConsensusScoresRequest): Promise<ApplicationView> {
    return this.api.call(applicationScores, { path: { id }, body });
  }

  /** 标准符合性测试: the result (until the review capability's screens take it over) */
  recordConformance(id: string, body: RecordConformanceRequest): Promise<ApplicationView> {
    return this.api.call(applicationConformance, { path: { id }, body });
  }

  /** 文审结果汇总: the document review consolidated with its consensus scores and the panel's opinion */
  consolidateDocumentReview(id: string, body: DocumentReviewRequest): Promise<ApplicationView> {
    return this.api.call(applicationDocumentReview, { path: { id }, body });
  }

  recordOnsiteResult(id: string, body: RecordOnsiteRequest): Promise<ApplicationView> {
    return this.api.call(applicationOnsiteResult, { path: { id }, body });
  }

  /** 飞行检查 (the national body) */
  recordSpotCheck(id: string, body: SpotCheckRequest): Promise<ApplicationView> {
    return this.api.call(applicationSpotCheck, { path: { id }, body });
  }

  versions(id: string): Promise<ApplicationVersionView[]> {
    return this.api.call(applicationVersions, { path: { id } });
  }

  diff(id: string, from: number, to: number): Promise<AnswerChange[]> {
    return this.api.call(applicationDiff, { path: { id }, query: { from, to } });
  }

  reportUrl(id: string): string {
    return operationUrl(applicationReport, { path: { id } });
  }
}
