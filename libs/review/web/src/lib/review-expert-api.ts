import { Injectable, inject } from '@angular/core';
import {
  ApiClient,
  expertDeclare,
  expertMine,
  expertUpdateMine,
  operationUrl,
  reviewAnswerFile,
  reviewAsk,
  reviewChecklist,
  reviewConfirm,
  reviewConsolidation,
  reviewEvidence,
  reviewList,
  reviewMine,
  reviewPanelScores,
  reviewReopen,
  reviewRespond,
  reviewSave,
  reviewSaveConsolidation,
  reviewSheet,
  reviewSubmit,
  reviewView,
} from '@hutong/platform-web';
import type {
  ConsolidationView,
  ExpertView,
  MyAssignment,
  PanelScoresView,
  QuestionView,
  ReviewSessionSummary,
  ReviewSessionView,
  ScoreSheetView,
  SheetEntryView,
} from '@hutong/review-model';
import type { SheetEntryInput } from './review-expert-logic';

/** A save's answer: the sheet's new version and its entries as the server keeps them. */
export interface SavedSheet {
  version: number;
  entries: Record<string, SheetEntryView>;
  savedAt: string;
}

/** What the chair saves of a consolidation (SaveConsolidationDto): the changed consensus scores and the texts. */
export interface ConsolidationChange {
  consensus?: { itemCode: string; score: number }[];
  opinion?: string;
  passed?: boolean | null;
  rectification?: string;
}

/**
 * The experts' calls (invitations, assignments, the score sheet, questions, the panel's scores, the chair's
 * consolidation), through the client generated from the OpenAPI document. Answers are read as the review model's
 * views (the document types them with its response DTOs).
 */
@Injectable({ providedIn: 'root' })
export class ReviewExpertApi {
  private readonly api = inject(ApiClient);

  // ---- invitations and assignments ----

  /** The sessions on whose panel I am, with my role and invitation. */
  sessions(): Promise<ReviewSessionSummary[]> {
    return this.api.call(reviewList) as unknown as Promise<ReviewSessionSummary[]>;
  }

  /** One session as I may see it (an expert sees its own cases only). */
  session(id: string): Promise<ReviewSessionView> {
    return this.api.call(reviewView, { path: { id } }) as unknown as Promise<ReviewSessionView>;
  }

  /** Accepts or declines my invitation (declining ends my unsubmitted assignments there). */
  respond(sessionId: string, accept: boolean, reason?: string): Promise<ReviewSessionView> {
    return this.api.call(reviewRespond, {
      path: { id: sessionId },
      body: accept ? { accept } : { accept, reason },
    }) as unknown as Promise<ReviewSessionView>;
  }

  mine(): Promise<MyAssignment[]> {
    return this.api.call(reviewMine) as unknown as Promise<MyAssignment[]>;
  }

  // ---- the score sheet ----

  sheet(assignmentId: string): Promise<ScoreSheetView> {
    return this.api.call(reviewSheet, { path: { id: assignmentId } }) as unknown as Promise<ScoreSheetView>;
  }

  /** Saves the changed indicators on the version they were made on (409 `review.sheet_stale` otherwise). */
  save(assignmentId: string, version: number, entries: SheetEntryInput[]): Promise<SavedSheet> {
    return this.api.call(reviewSave, {
      path: { id: assignmentId },
      body: { version, entries },
    }) as unknown as Promise<SavedSheet>;
  }

  /** Submits the sheet: it locks (422 `review.sheet_incomplete` names the unscored items). */
  submit(assignmentId: string, version: number): Promise<ScoreSheetView> {
    return this.api.call(reviewSubmit, {
      path: { id: assignmentId },
      body: { version },
    }) as unknown as Promise<ScoreSheetView>;
  }

  /** The other members' submitted sheets — only once mine is submitted. */
  panelScores(assignmentId: string): Promise<PanelScoresView> {
    return this.api.call(reviewPanelScores, { path: { id: assignmentId } }) as unknown as Promise<PanelScoresView>;
  }

  // ---- my profile ----

  profile(): Promise<ExpertView> {
    return this.api.call(expertMine) as unknown as Promise<ExpertView>;
  }

  /** Keeps my vendor ties and the dates I cannot sit (only the fields given change). */
  updateProfile(body: { vendorTies?: string[]; unavailable?: { from: string; to: string }[] }): Promise<ExpertView> {
    return this.api.call(expertUpdateMine, { body }) as unknown as Promise<ExpertView>;
  }

  /** Declares a conflict of interest with an application I am assigned to: my assignments there end. */
  declareConflict(applicationId: string, reason: string): Promise<unknown> {
    return this.api.call(expertDeclare, { body: { applicationId, reason } });
  }

  /** The blank checklist of the case I am on (现场查验检查表 / 专家文审评分表), as XLSX. */
  checklistUrl(caseId: string): string {
    return operationUrl(reviewChecklist, { path: { id: caseId } });
  }

  /** An evidence file of the application (a download link). */
  evidenceUrl(assignmentId: string, evidenceId: string): string {
    return operationUrl(reviewEvidence, { path: { id: assignmentId, evidenceId } });
  }

  // ---- questions (质询) ----

  ask(assignmentId: string, body: { itemCode: string; text: string; dueDate: string }): Promise<QuestionView> {
    return this.api.call(reviewAsk, { path: { id: assignmentId }, body }) as unknown as Promise<QuestionView>;
  }

  /** A file of the applicant's answer (a download link). */
  answerFileUrl(questionId: string, fileId: string): string {
    return operationUrl(reviewAnswerFile, { path: { id: questionId, fileId } });
  }

  // ---- consolidation ----

  consolidation(caseId: string): Promise<ConsolidationView> {
    return this.api.call(reviewConsolidation, { path: { caseId } }) as unknown as Promise<ConsolidationView>;
  }

  /** Saves on the case's version (409 `review.case_changed` when someone saved since). */
  saveConsolidation(caseId: string, version: number, change: ConsolidationChange): Promise<ConsolidationView> {
    return this.api.call(reviewSaveConsolidation, {
      path: { caseId },
      body: { version, ...change },
    }) as unknown as Promise<ConsolidationView>;
  }

  /** Confirms the review: the consensus and the opinion go to the application's rating. */
  confirm(caseId: string, version: number): Promise<ConsolidationView> {
    return this.api.call(reviewConfirm, {
      path: { caseId },
      body: { version },
    }) as unknown as Promise<ConsolidationView>;
  }

  /** Reopens a submitted sheet with a reason (the chair or the office); the expert is told. */
  reopen(assignmentId: string, reason: string): Promise<{ assignmentId?: string; version?: number }> {
    return this.api.call(reviewReopen, { path: { id: assignmentId }, body: { reason } });
  }
}
