import { Injectable, inject } from '@angular/core';
import type { ApplicationState, ApplicationSummary, CycleView } from '@hutong/assessment-model';
import type { Paged } from '@hutong/platform-model';
import {
  ApiClient,
  cycleBoard,
  cycleList,
  expertCreate,
  expertGet,
  expertList,
  expertUpdate,
  operationUrl,
  reviewAddCases,
  reviewAssign,
  reviewAuto,
  reviewBulk,
  reviewChair,
  reviewCreate,
  reviewEligibility,
  reviewImportConformance,
  reviewInvite,
  reviewLatestConformance,
  reviewList,
  reviewNotice,
  reviewRemoveCase,
  reviewRemoveMember,
  reviewStart,
  reviewRemind,
  reviewResults,
  reviewChecklist,
  reviewUnassign,
  reviewUpdate,
  reviewUpdateCase,
  reviewView,
  expertCandidates,
} from '@hutong/platform-web';
import type {
  AutoAssignView,
  ConformanceReportView,
  EligibilityMatrix,
  ExpertPool,
  ExpertView,
  ReviewSessionKind,
  ReviewSessionSummary,
  RemindResult,
  ReviewSessionView,
  Specialty,
} from '@hutong/review-model';
import type { sessionBody } from './review-office-logic';

/** The fields of a session the office sets (SessionFieldsDto). */
export type SessionFields = ReturnType<typeof sessionBody>;

/** A user with the expert role who has no profile yet. */
export interface ExpertCandidate {
  id: string;
  username: string;
  displayName: string;
  organisation: { id: string; name: string } | null;
}

export interface NewSession extends SessionFields {
  cycleId: string;
  kind: ReviewSessionKind;
}

export interface ExpertFields {
  name: string;
  title: string;
  affiliationOrgId: string;
  pools: ExpertPool[];
  specialties: Specialty[];
  vendorTies: string[];
  active: boolean;
}

export interface ExpertFilter {
  q?: string;
  specialty?: Specialty | null;
  pool?: ExpertPool | null;
  page?: number;
  pageSize?: number;
}

export interface CaseChange {
  vendors?: string[];
  neededSpecialties?: Specialty[];
  position?: number;
}

/**
 * The review office's calls (sessions, panels, cases, assignments, the expert pool, conformance reports), through
 * the client generated from the OpenAPI document. Answers are read as the review model's views.
 */
@Injectable({ providedIn: 'root' })
export class ReviewOfficeApi {
  private readonly api = inject(ApiClient);

  // ---- cycles and their applications ----

  cycles(): Promise<CycleView[]> {
    return this.api.call(cycleList);
  }

  /** A cycle's applications (the board), in one state when given. */
  applications(
    cycleId: string,
    f: { state?: ApplicationState | null; q?: string; page?: number; pageSize?: number } = {},
  ): Promise<Paged<ApplicationSummary>> {
    return this.api.call(cycleBoard, {
      path: { id: cycleId },
      query: {
        state: f.state ?? undefined,
        q: f.q?.trim() || undefined,
        page: f.page,
        pageSize: f.pageSize ?? 500,
        sort: 'code',
      },
    });
  }

  // ---- sessions ----

  sessions(cycleId?: string | null): Promise<ReviewSessionSummary[]> {
    return this.api.call(reviewList, { query: { cycleId: cycleId ?? undefined } });
  }

  session(id: string): Promise<ReviewSessionView> {
    return this.api.call(reviewView, { path: { id } }) as Promise<ReviewSessionView>;
  }

  createSession(body: NewSession): Promise<ReviewSessionView> {
    return this.api.call(reviewCreate, { body }) as Promise<ReviewSessionView>;
  }

  updateSession(id: string, body: SessionFields): Promise<ReviewSessionView> {
    return this.api.call(reviewUpdate, { path: { id }, body }) as Promise<ReviewSessionView>;
  }

  /** Opens scoring: the panel is told, the session moves to 评分中. */
  start(id: string): Promise<ReviewSessionView> {
    return this.api.call(reviewStart, { path: { id } }) as Promise<ReviewSessionView>;
  }

  /** The session's result table (文审结果汇总表 / 现场查验结果汇总表), as XLSX. */
  resultsUrl(id: string): string {
    return operationUrl(reviewResults, { path: { id } });
  }

  /** A case's checklist (现场查验检查表 / 专家文审评分表) from its scheme, with the findings so far, as XLSX. */
  checklistUrl(caseId: string): string {
    return operationUrl(reviewChecklist, { path: { id: caseId } });
  }

  /** Reminds now every expert with an unsubmitted sheet (once per expert and day). */
  remind(id: string): Promise<RemindResult> {
    return this.api.call(reviewRemind, { path: { id } }) as Promise<RemindResult>;
  }

  /** The meeting notice (会议通知) with the agenda, as DOCX. */
  noticeUrl(id: string): string {
    return operationUrl(reviewNotice, { path: { id } });
  }

  invite(id: string, expertIds: string[]): Promise<ReviewSessionView> {
    return this.api.call(reviewInvite, { path: { id }, body: { expertIds } }) as Promise<ReviewSessionView>;
  }

  setChair(id: string, expertId: string): Promise<ReviewSessionView> {
    return this.api.call(reviewChair, { path: { id }, body: { expertId } }) as Promise<ReviewSessionView>;
  }

  removeMember(id: string, expertId: string): Promise<ReviewSessionView> {
    return this.api.call(reviewRemoveMember, { path: { id, expertId } }) as Promise<ReviewSessionView>;
  }

  addCases(id: string, applicationIds: string[]): Promise<ReviewSessionView> {
    return this.api.call(reviewAddCases, { path: { id }, body: { applicationIds } }) as Promise<ReviewSessionView>;
  }

  updateCase(caseId: string, body: CaseChange): Promise<ReviewSessionView> {
    return this.api.call(reviewUpdateCase, { path: { caseId }, body }) as Promise<ReviewSessionView>;
  }

  removeCase(caseId: string): Promise<ReviewSessionView> {
    return this.api.call(reviewRemoveCase, { path: { caseId } }) as Promise<ReviewSessionView>;
  }

  /** Why each panel member may or may not review each case. */
  eligibility(id: string): Promise<EligibilityMatrix> {
    // the document types the cells' reasons with another schema of the same name: read them as the model's Reason
    return this.api.call(reviewEligibility, { path: { id } }) as unknown as Promise<EligibilityMatrix>;
  }

  assign(caseId: string, expertId: string): Promise<ReviewSessionView> {
    return this.api.call(reviewAssign, { path: { caseId }, body: { expertId } }) as Promise<ReviewSessionView>;
  }

  unassign(assignmentId: string): Promise<ReviewSessionView> {
    return this.api.call(reviewUnassign, { path: { id: assignmentId } }) as Promise<ReviewSessionView>;
  }

  /** Every expert to every case, all or nothing (409 `review.bulk_not_eligible` lists each refused pair). */
  bulkAssign(id: string, expertIds: string[], caseIds: string[]): Promise<ReviewSessionView> {
    return this.api.call(reviewBulk, { path: { id }, body: { expertIds, caseIds } }) as Promise<ReviewSessionView>;
  }

  /** The automatic assignment: a proposal, or written with `apply`. */
  autoAssign(id: string, apply: boolean): Promise<AutoAssignView> {
    return this.api.call(reviewAuto, { path: { id }, body: { apply } }) as unknown as Promise<AutoAssignView>;
  }

  // ---- the expert pool ----

  experts(f: ExpertFilter): Promise<Paged<ExpertView>> {
    return this.api.call(expertList, {
      query: {
        q: f.q?.trim() || undefined,
        specialty: f.specialty ?? undefined,
        pool: f.pool ?? undefined,
        page: f.page,
        pageSize: f.pageSize,
      },
    });
  }

  expert(id: string): Promise<ExpertView> {
    return this.api.call(expertGet, { path: { id } });
  }

  createExpert(userId: string, body: ExpertFields): Promise<ExpertView> {
    return this.api.call(expertCreate, { body: { userId, ...body } });
  }

  updateExpert(id: string, body: ExpertFields): Promise<ExpertView> {
    return this.api.call(expertUpdate, { path: { id }, body });
  }

  /** Users with the expert role and no profile yet, in my jurisdiction (for a new profile), by name or username. */
  expertUsers(q: string): Promise<ExpertCandidate[]> {
    return this.api.call(expertCandidates, { query: { q: q.trim() || undefined } });
  }

  // ---- standard-conformance testing ----

  importConformance(applicationId: string, file: File): Promise<ConformanceReportView> {
    return this.api.call(reviewImportConformance, {
      path: { id: applicationId },
      body: { file },
    }) as Promise<ConformanceReportView>;
  }

  /** The latest report of an application (null when none). */
  async latestConformance(applicationId: string): Promise<ConformanceReportView | null> {
    const r = (await this.api.call(reviewLatestConformance, { path: { id: applicationId } })) as
      | ConformanceReportView
      | null
      | '';
    return r || null;
  }
}
