import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
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
  UpdateCycleRequest,
  EvidenceView,
  Level,
  PublicityEntry,
  SaveAnswersRequest,
  SchemeSummary,
  SchemeView,
  TransitionRequest,
  UpdateSchemeRequest,
} from '@hutong/assessment-model';
import type { OrgKind, Paged } from '@hutong/platform-model';

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

/** Query parameters of a board filter, leaving out empty values. */
export function boardQueryParams(f: BoardFilter): HttpParams {
  let p = new HttpParams();
  if (f.state) p = p.set('state', f.state);
  if (f.kind) p = p.set('kind', f.kind);
  if (f.targetLevel) p = p.set('targetLevel', f.targetLevel);
  if (f.late) p = p.set('late', 'true');
  const q = f.q?.trim();
  if (q) p = p.set('q', q);
  if (f.page && f.page > 1) p = p.set('page', String(f.page));
  if (f.pageSize) p = p.set('pageSize', String(f.pageSize));
  if (f.sort) p = p.set('sort', f.sort);
  if (f.sort && f.dir) p = p.set('dir', f.dir);
  return p;
}

const enc = encodeURIComponent;

/** The assessment endpoints (schemes, cycles, applications, evidence, transitions). */
@Injectable({ providedIn: 'root' })
export class AssessmentApiService {
  private readonly http = inject(HttpClient);

  // ---- publicity (公示) ----
  publicity(): Promise<PublicityEntry[]> {
    return firstValueFrom(this.http.get<PublicityEntry[]>('/api/applications/publicity'));
  }

  fileObjection(applicationId: string, reason: string): Promise<{ ok: true }> {
    return firstValueFrom(
      this.http.post<{ ok: true }>(`/api/applications/${enc(applicationId)}/objections`, { reason }),
    );
  }

  // ---- schemes ----
  schemes(): Promise<SchemeSummary[]> {
    return firstValueFrom(this.http.get<SchemeSummary[]>('/api/schemes'));
  }

  scheme(id: string): Promise<SchemeView> {
    return firstValueFrom(this.http.get<SchemeView>(`/api/schemes/${enc(id)}`));
  }

  updateScheme(id: string, body: UpdateSchemeRequest): Promise<SchemeView> {
    return firstValueFrom(this.http.put<SchemeView>(`/api/schemes/${enc(id)}`, body));
  }

  // ---- cycles ----
  cycles(archived = false): Promise<CycleView[]> {
    return firstValueFrom(this.http.get<CycleView[]>('/api/cycles', archived ? { params: { archived: 'true' } } : {}));
  }

  updateCycle(id: string, body: UpdateCycleRequest): Promise<CycleView> {
    return firstValueFrom(this.http.patch<CycleView>(`/api/cycles/${enc(id)}`, body));
  }

  setCycleStatus(id: string, action: 'close' | 'archive'): Promise<CycleView> {
    return firstValueFrom(this.http.post<CycleView>(`/api/cycles/${enc(id)}/${action}`, {}));
  }

  cycle(id: string): Promise<CycleView> {
    return firstValueFrom(this.http.get<CycleView>(`/api/cycles/${enc(id)}`));
  }

  createCycle(body: CreateCycleRequest): Promise<CycleView> {
    return firstValueFrom(this.http.post<CycleView>('/api/cycles', body));
  }

  board(cycleId: string, f: BoardFilter): Promise<Paged<ApplicationSummary>> {
    return firstValueFrom(
      this.http.get<Paged<ApplicationSummary>>(`/api/cycles/${enc(cycleId)}/applications`, {
        params: boardQueryParams(f),
      }),
    );
  }

  resultsUrl(cycleId: string): string {
    return `/api/cycles/${enc(cycleId)}/results.xlsx`;
  }

  // ---- applications ----
  applications(): Promise<ApplicationSummary[]> {
    return firstValueFrom(this.http.get<ApplicationSummary[]>('/api/applications'));
  }

  application(id: string): Promise<ApplicationView> {
    return firstValueFrom(this.http.get<ApplicationView>(`/api/applications/${enc(id)}`));
  }

  createApplication(body: CreateApplicationRequest): Promise<ApplicationView> {
    return firstValueFrom(this.http.post<ApplicationView>('/api/applications', body));
  }

  saveAnswers(id: string, body: SaveAnswersRequest): Promise<ApplicationView> {
    return firstValueFrom(this.http.put<ApplicationView>(`/api/applications/${enc(id)}/answers`, body));
  }

  uploadEvidence(id: string, itemCode: string, file: File): Promise<EvidenceView> {
    const form = new FormData();
    form.append('itemCode', itemCode);
    form.append('file', file, file.name);
    return firstValueFrom(this.http.post<EvidenceView>(`/api/applications/${enc(id)}/evidence`, form));
  }

  deleteEvidence(id: string, evidenceId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/applications/${enc(id)}/evidence/${enc(evidenceId)}`));
  }

  evidenceUrl(id: string, evidenceId: string): string {
    return `/api/applications/${enc(id)}/evidence/${enc(evidenceId)}`;
  }

  transition(id: string, body: TransitionRequest): Promise<ApplicationView> {
    return firstValueFrom(this.http.post<ApplicationView>(`/api/applications/${enc(id)}/transitions`, body));
  }

  bulkTransition(applicationIds: string[], action: ApplicationAction, note?: string): Promise<BulkTransitionResult> {
    const body: BulkTransitionRequest = { applicationIds, action, ...(note ? { note } : {}) };
    return firstValueFrom(this.http.post<BulkTransitionResult>('/api/applications/bulk-transitions', body));
  }

  saveConsensusScores(id: string, body: ConsensusScoresRequest): Promise<ApplicationView> {
    return firstValueFrom(this.http.put<ApplicationView>(`/api/applications/${enc(id)}/consensus-scores`, body));
  }

  versions(id: string): Promise<ApplicationVersionView[]> {
    return firstValueFrom(this.http.get<ApplicationVersionView[]>(`/api/applications/${enc(id)}/versions`));
  }

  diff(id: string, from: number, to: number): Promise<AnswerChange[]> {
    const params = new HttpParams().set('from', from).set('to', to);
    return firstValueFrom(this.http.get<AnswerChange[]>(`/api/applications/${enc(id)}/diff`, { params }));
  }

  reportUrl(id: string): string {
    return `/api/applications/${enc(id)}/report.docx`;
  }
}
