import { Injectable } from '@nestjs/common';
import { EntityManager, OptimisticLockError } from '@mikro-orm/postgresql';
import {
  choiceProblem,
  deriveLevel,
  roundPoints,
  scoreOf,
  scoringOf,
  type IndicatorLeaf,
} from '@hutong/assessment-model';
import {
  consensusOf,
  type ConsolidationView,
  type MyAssignment,
  type PanelScoresView,
  type ScoreSheetView,
  type SheetEntryView,
  type ReviewSessionKind,
} from '@hutong/review-model';
import { AuditService, actorOf, coded, notFound, type Principal } from '@hutong/platform-server';
import { ApplicationReader, ApplicationService, type ApplicationDossier } from '@hutong/assessment-server';
import { NotificationService } from '@hutong/notifications-server';
import { PanelMember, ReviewAssignment, ReviewCase, type SheetEntry } from './entities/review.entities';
import type { SaveConsolidationDto, SaveSheetDto } from './review.dto';
import { ReviewAccess } from './review-access';
import { SessionService, sheetItems } from './session.service';
import { QuestionService } from './question.service';

const entryView = (e: SheetEntry): SheetEntryView => ({
  score: e.score,
  ...(e.choice ? { choice: e.choice } : {}),
  comment: e.comment,
});
const entriesView = (entries: Record<string, SheetEntry>): Record<string, SheetEntryView> =>
  Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, entryView(v)]));

/**
 * Scoring (C2.3 在线打分): each expert's sheet per indicator within its scoring kind, with a comment; autosave under
 * optimistic locking (a save names the version it edited: a stale one is refused with the current sheet, so that the
 * web merges and nothing typed is lost); submit locks, the chair reopens with a reason. Blind: an expert sees the
 * others' scores only after submitting its own. The chair (or the office) consolidates: per indicator the median
 * with its spread as the default, the panel's opinion (评审意见); confirming it hands the consensus to the
 * assessment's level rule.
 */
@Injectable()
export class ScoringService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly access: ReviewAccess,
    private readonly apps: ApplicationReader,
    private readonly applications: ApplicationService,
    private readonly questions: QuestionService,
    private readonly notifications: NotificationService,
    private readonly sessions: SessionService,
  ) {}

  async mine(user: Principal): Promise<MyAssignment[]> {
    const em = this.em.fork();
    const expert = await this.access.expertOf(em, user);
    const rows = await em.find(
      ReviewAssignment,
      { expert },
      { populate: ['reviewCase', 'reviewCase.session'], orderBy: { reviewCase: { session: { scoringDue: 'asc' } } } },
    );
    const chairOf = new Set((await em.find(PanelMember, { expert, role: 'chair' })).map((m) => m.session.id));
    const subjects = new Map(
      (await this.apps.subjects([...new Set(rows.map((r) => r.reviewCase.applicationId))])).map((s) => [s.id, s]),
    );
    const out: MyAssignment[] = [];
    for (const a of rows) {
      const c = a.reviewCase;
      const items = await this.itemCodes(c.applicationId, c.session.kind);
      out.push({
        assignmentId: a.id,
        sessionId: c.session.id,
        sessionTitle: c.session.title,
        kind: c.session.kind,
        caseId: c.id,
        applicationId: c.applicationId,
        organisationName: c.organisationName,
        targetLevel: subjects.get(c.applicationId)?.targetLevel ?? null,
        scoringDue: c.session.scoringDue,
        scored: items.filter((code) => typeof a.entries[code]?.score === 'number').length,
        items: items.length,
        submittedAt: a.submittedAt?.toISOString() ?? null,
        chair: chairOf.has(c.session.id),
        sessionStatus: c.session.status,
      });
    }
    return out;
  }

  private async itemCodes(applicationId: string, kind: ReviewSessionKind): Promise<string[]> {
    return sheetItems(await this.apps.dossier(applicationId), kind).map((l) => l.code);
  }

  private async isChair(em: EntityManager, user: Principal, sessionId: string): Promise<boolean> {
    if (user.role !== 'expert') return false;
    const expert = await this.access.expertOf(em, user);
    return (await em.count(PanelMember, { session: sessionId, expert, role: 'chair', status: 'accepted' })) > 0;
  }

  async sheet(user: Principal, id: string): Promise<ScoreSheetView> {
    const em = this.em.fork();
    const a = await this.access.ownAssignment(em, user, id);
    const c = a.reviewCase;
    const d = await this.apps.dossier(c.applicationId);
    return {
      assignmentId: a.id,
      caseId: c.id,
      sessionId: c.session.id,
      sessionTitle: c.session.title,
      kind: c.session.kind,
      sessionStatus: c.session.status,
      scoringDue: c.session.scoringDue,
      organisationName: c.organisationName,
      targetLevel: d.targetLevel,
      schemeName: d.schemeName,
      tree: d.tree,
      items: sheetItems(d, c.session.kind).map((l) => l.code),
      answers: d.answers,
      evidence: d.evidence,
      entries: entriesView(a.entries),
      version: a.version,
      submittedAt: a.submittedAt?.toISOString() ?? null,
      reopenReason: a.reopenReason,
      chair: await this.isChair(em, user, c.session.id),
      questions: await this.questions.ofCase(em, c, a.expert.id),
    };
  }

  /**
   * Saves the changed indicators of the caller's sheet. `version` is the version the edits were made on: another
   * save since (another tab, another device) → 409 review.sheet_stale with the current sheet in `details`, nothing
   * written; the web merges the typed edits onto it and saves again.
   */
  async save(
    user: Principal,
    id: string,
    dto: SaveSheetDto,
  ): Promise<{ version: number; entries: Record<string, SheetEntryView>; savedAt: string }> {
    const em = this.em.fork();
    const own = await this.access.ownAssignment(em, user, id);
    const d = await this.apps.dossier(own.reviewCase.applicationId);
    const items = new Map(sheetItems(d, own.reviewCase.session.kind).map((l) => [l.code, l]));
    try {
      return await em.transactional(async (tx) => {
        const a = await tx.findOneOrFail(
          ReviewAssignment,
          { id: own.id },
          { populate: ['reviewCase', 'reviewCase.session'] },
        );
        if (a.version !== dto.version) throw stale(a);
        if (a.submittedAt) throw coded('review.sheet_submitted');
        if (a.reviewCase.session.status !== 'scoring')
          throw coded('review.session_wrong_status', { status: a.reviewCase.session.status });
        const next = { ...a.entries };
        for (const e of dto.entries) {
          const leaf = items.get(e.itemCode);
          if (!leaf) throw coded('review.item_not_on_sheet', { item: e.itemCode });
          next[e.itemCode] = checkedEntry(leaf, e);
        }
        a.entries = next;
        // the version moves on every save (MikroORM's optimistic lock: update … where version = ?): of two saves
        // on the same version, the second finds 0 rows and fails with OptimisticLockError
        await tx.flush();
        this.audit.record(tx, actorOf(user), {
          action: 'review.sheet_save',
          entityType: 'review_session',
          entityId: a.reviewCase.session.id,
          before: { assignmentId: a.id, version: dto.version },
          after: { assignmentId: a.id, version: a.version, items: dto.entries.map((e) => e.itemCode) },
        });
        return { version: a.version, entries: entriesView(a.entries), savedAt: new Date().toISOString() };
      });
    } catch (e) {
      if (e instanceof OptimisticLockError) {
        const current = await this.em.fork().findOneOrFail(ReviewAssignment, { id: own.id });
        throw stale(current);
      }
      throw e;
    }
  }

  async submit(user: Principal, id: string, version: number): Promise<ScoreSheetView> {
    const em = this.em.fork();
    const own = await this.access.ownAssignment(em, user, id);
    const codes = await this.itemCodes(own.reviewCase.applicationId, own.reviewCase.session.kind);
    await em.transactional(async (tx) => {
      const a = await tx.findOneOrFail(
        ReviewAssignment,
        { id: own.id },
        { populate: ['reviewCase', 'reviewCase.session'] },
      );
      if (a.version !== version) throw stale(a);
      if (a.submittedAt) throw coded('review.sheet_submitted');
      if (a.reviewCase.session.status !== 'scoring')
        throw coded('review.session_wrong_status', { status: a.reviewCase.session.status });
      const missing = codes.filter((code) => typeof a.entries[code]?.score !== 'number');
      if (missing.length)
        throw coded('review.sheet_incomplete', { n: missing.length }, { items: missing.slice(0, 50) });
      a.submittedAt = new Date();
      this.audit.record(tx, actorOf(user), {
        action: 'review.sheet_submit',
        entityType: 'review_session',
        entityId: a.reviewCase.session.id,
        before: { assignmentId: a.id, submittedAt: null },
        after: { assignmentId: a.id, submittedAt: a.submittedAt.toISOString(), scores: scoresOf(a.entries) },
      });
    });
    return this.sheet(user, id);
  }

  /** The chair (or the office) reopens a submitted sheet with a reason; the expert is told. */
  async reopen(user: Principal, id: string, reason: string): Promise<{ assignmentId: string; version: number }> {
    return this.em.fork().transactional(async (tx) => {
      const a = await tx.findOne(
        ReviewAssignment,
        { id },
        { populate: ['reviewCase', 'reviewCase.session', 'expert', 'expert.user'] },
      );
      if (!a) throw notFound('review_assignment');
      await this.checkChairOrStaff(tx, user, a.reviewCase);
      if (!a.submittedAt) throw coded('review.sheet_not_submitted');
      if (a.reviewCase.consolidatedAt) throw coded('review.case_consolidated');
      const before = a.submittedAt.toISOString();
      a.submittedAt = null;
      a.reopenReason = reason.trim();
      await tx.flush();
      this.audit.record(tx, actorOf(user), {
        action: 'review.sheet_reopen',
        entityType: 'review_session',
        entityId: a.reviewCase.session.id,
        before: { assignmentId: a.id, submittedAt: before },
        after: { assignmentId: a.id, submittedAt: null, reason: a.reopenReason },
      });
      await this.notifications.notify(
        [
          {
            userId: a.expert.user.id,
            titleCode: 'review.notify_sheet_reopened',
            params: { name: a.reviewCase.organisationName, reason: a.reopenReason },
            link: `/review/sheets/${a.id}`,
            dedupeKey: `review_assignment:${a.id}:reopen:${Date.now()}`,
            subjectType: 'review_session',
            subjectId: a.reviewCase.session.id,
          },
        ],
        tx,
      );
      return { assignmentId: a.id, version: a.version };
    });
  }

  /** The chair of the case's session, a coordinator in its jurisdiction or an admin — else 403 review.chair_only. */
  private async checkChairOrStaff(em: EntityManager, user: Principal, c: ReviewCase): Promise<void> {
    if (user.role === 'admin' || user.role === 'coordinator') {
      if (!this.access.staffSees(user, c.session)) throw notFound('review_case');
      return;
    }
    if (user.role !== 'expert') throw coded('review.chair_only');
    const expert = await this.access.expertOf(em, user);
    const chair = await em.count(PanelMember, { session: c.session, expert, role: 'chair', status: 'accepted' });
    if (!chair) {
      // not the chair: a member assigned to the case learns it may not; anyone else learns nothing
      const on = await em.count(ReviewAssignment, { reviewCase: c, expert });
      if (!on) throw notFound('review_case');
      throw coded('review.chair_only');
    }
    // a chair conflicted with the applicant never sees it: the office consolidates that case
    if (!(await this.sessions.unconflictedCases(em, c.session, expert.id)).has(c.id)) throw notFound('review_case');
  }

  /** An evidence file of the application the caller is assigned to. */
  async evidenceFile(
    user: Principal,
    id: string,
    evidenceId: string,
  ): Promise<{ path: string; name: string; mime: string }> {
    const a = await this.access.ownAssignment(this.em.fork(), user, id);
    const f = await this.applications.evidenceFile(a.reviewCase.applicationId, evidenceId);
    return { path: f.path, name: f.fileName, mime: f.mime };
  }

  /** The other members' sheets: only once the caller submitted its own (blind scoring). */
  async panelScores(user: Principal, id: string): Promise<PanelScoresView> {
    const em = this.em.fork();
    const a = await this.access.ownAssignment(em, user, id);
    if (!a.submittedAt) throw coded('review.scores_blind');
    const all = await em.find(ReviewAssignment, { reviewCase: a.reviewCase }, { populate: ['expert'] });
    return {
      caseId: a.reviewCase.id,
      experts: all.map((x) => ({
        expertId: x.expert.id,
        name: x.expert.name,
        submittedAt: x.submittedAt?.toISOString() ?? null,
        // an unsubmitted sheet stays private to its expert
        entries: x.submittedAt ? entriesView(x.entries) : {},
      })),
    };
  }

  /** The case for the chair's consolidation screen (the chair of the session, or staff). */
  private async consolidationCase(em: EntityManager, user: Principal, caseId: string): Promise<ReviewCase> {
    const c = await em.findOne(ReviewCase, { id: caseId }, { populate: ['session'] });
    if (!c) throw notFound('review_case');
    if (user.role === 'viewer') {
      if (!this.access.staffSees(user, c.session)) throw notFound('review_case');
      return c;
    }
    await this.checkChairOrStaff(em, user, c);
    return c;
  }

  async consolidation(user: Principal, caseId: string): Promise<ConsolidationView> {
    const em = this.em.fork();
    const c = await this.consolidationCase(em, user, caseId);
    const d = await this.apps.dossier(c.applicationId);
    return this.consolidationView(em, c, d);
  }

  private async consolidationView(em: EntityManager, c: ReviewCase, d: ApplicationDossier): Promise<ConsolidationView> {
    const all = await em.find(
      ReviewAssignment,
      { reviewCase: c },
      { populate: ['expert'], orderBy: { createdAt: 'asc' } },
    );
    const items = sheetItems(d, c.session.kind);
    const consensus = effectiveConsensus(c, items, all);
    const allSubmitted = all.length > 0 && all.every((a) => a.submittedAt);
    return {
      caseId: c.id,
      sessionId: c.session.id,
      kind: c.session.kind,
      organisationName: c.organisationName,
      targetLevel: d.targetLevel,
      version: c.version,
      allSubmitted,
      experts: all.map((a) => ({
        expertId: a.expert.id,
        assignmentId: a.id,
        name: a.expert.name,
        submittedAt: a.submittedAt?.toISOString() ?? null,
      })),
      items: items.map((l) => {
        const scores = Object.fromEntries(
          all.map((a) => [a.expert.id, a.submittedAt ? (a.entries[l.code]?.score ?? null) : null]),
        );
        const stats = consensusOf(
          Object.values(scores).filter((v): v is number => typeof v === 'number'),
          l.points,
        );
        return { code: l.code, name: l.title, points: l.points, scores, stats, consensus: consensus[l.code] ?? null };
      }),
      opinion: c.opinion,
      consolidatedAt: c.consolidatedAt?.toISOString() ?? null,
      derived: allSubmitted
        ? (() => {
            const r = deriveLevel(d.tree, d.levelRules, d.targetLevel, { ...d.consensusScores, ...consensus });
            return { level: r.level, explanation: r.explanation };
          })()
        : null,
      onsite: c.session.kind === 'onsite' ? { passed: c.passed, rectification: c.rectification } : null,
    };
  }

  /** Saves the chair's changed consensus scores and the opinion (optimistically locked on the case). */
  async saveConsolidation(user: Principal, caseId: string, dto: SaveConsolidationDto): Promise<ConsolidationView> {
    const em = this.em.fork();
    const c0 = await this.consolidationCase(em, user, caseId);
    if (user.role === 'viewer') throw coded('review.chair_only');
    const d = await this.apps.dossier(c0.applicationId);
    const items = new Map(sheetItems(d, c0.session.kind).map((l) => [l.code, l]));
    try {
      await em.transactional(async (tx) => {
        const c = await tx.findOneOrFail(ReviewCase, { id: caseId }, { populate: ['session'] });
        if (c.version !== dto.version) throw coded('review.case_changed', { current: c.version });
        if (c.consolidatedAt) throw coded('review.case_consolidated');
        const before = { consensus: c.consensus, opinion: c.opinion, passed: c.passed, rectification: c.rectification };
        const next = { ...c.consensus };
        const all = await tx.find(ReviewAssignment, { reviewCase: c });
        for (const e of dto.consensus ?? []) {
          const leaf = items.get(e.itemCode);
          if (!leaf) throw coded('review.item_not_on_sheet', { item: e.itemCode });
          if (!Number.isFinite(e.score) || e.score < 0 || e.score > leaf.points)
            throw coded('review.score_invalid', { item: e.itemCode, max: leaf.points });
          const stats = consensusOf(submittedScores(all, e.itemCode), leaf.points);
          next[e.itemCode] = { score: roundPoints(e.score), median: stats.median, spread: stats.spread };
        }
        c.consensus = next;
        if (dto.opinion !== undefined) c.opinion = dto.opinion.trim();
        if (c.session.kind === 'onsite') {
          if (dto.passed !== undefined) c.passed = dto.passed;
          if (dto.rectification !== undefined) c.rectification = dto.rectification.trim();
        }
        await tx.flush();
        this.audit.record(tx, actorOf(user), {
          action: 'review.consolidation_save',
          entityType: 'review_session',
          entityId: c.session.id,
          before: { caseId, ...before },
          after: {
            caseId,
            consensus: c.consensus,
            opinion: c.opinion,
            passed: c.passed,
            rectification: c.rectification,
          },
        });
      });
    } catch (e) {
      if (e instanceof OptimisticLockError) {
        const current = await this.em.fork().findOneOrFail(ReviewCase, { id: caseId });
        throw coded('review.case_changed', { current: current.version });
      }
      throw e;
    }
    return this.consolidation(user, caseId);
  }

  /**
   * Confirms the review of a case: every sheet submitted, a consensus for every item (the median where the chair
   * kept the default), the opinion written (and, on site, the result). The consensus and the opinion go to the
   * application (ApplicationService.recordConsensus; on site also recordOnsite), where the level rule reads them.
   */
  async confirm(user: Principal, caseId: string, version: number): Promise<ConsolidationView> {
    const em = this.em.fork();
    const c0 = await this.consolidationCase(em, user, caseId);
    if (user.role === 'viewer') throw coded('review.chair_only');
    const d = await this.apps.dossier(c0.applicationId);
    const items = sheetItems(d, c0.session.kind);
    await em.transactional(async (tx) => {
      const c = await tx.findOneOrFail(ReviewCase, { id: caseId }, { populate: ['session'] });
      if (c.version !== version) throw coded('review.case_changed', { current: c.version });
      if (c.consolidatedAt) throw coded('review.case_consolidated');
      const all = await tx.find(ReviewAssignment, { reviewCase: c });
      const pending = all.filter((a) => !a.submittedAt).length;
      if (!all.length || pending) throw coded('review.not_all_submitted', { n: pending || 1 });
      const consensus = effectiveConsensus(c, items, all);
      const missing = items.filter((l) => typeof consensus[l.code] !== 'number');
      if (missing.length) throw coded('review.consensus_missing', { n: missing.length });
      if (!c.opinion.trim()) throw coded('review.opinion_required');
      if (c.session.kind === 'onsite' && c.passed === null) throw coded('review.onsite_result_required');
      c.consensus = Object.fromEntries(
        items.map((l) => {
          const stats = consensusOf(submittedScores(all, l.code), l.points);
          return [l.code, { score: consensus[l.code]!, median: stats.median, spread: stats.spread }];
        }),
      );
      c.consolidatedAt = new Date();
      await tx.flush();
      this.audit.record(tx, actorOf(user), {
        action: 'review.consolidation_confirm',
        entityType: 'review_session',
        entityId: c.session.id,
        before: { caseId, consolidatedAt: null },
        after: { caseId, applicationId: c.applicationId, consensus, opinion: c.opinion },
      });
      await this.applications.recordConsensus(
        user,
        c.applicationId,
        { stage: c.session.kind, scores: consensus, opinion: c.opinion },
        tx,
      );
      if (c.session.kind === 'onsite')
        await this.applications.recordOnsite(
          user,
          c.applicationId,
          { passed: c.passed === true, findings: countFindings(all), rectification: c.rectification || null },
          tx,
        );
    });
    return this.consolidation(user, caseId);
  }
}

/** The scores of the submitted sheets for one item. */
function submittedScores(all: ReviewAssignment[], code: string): number[] {
  return all
    .filter((a) => a.submittedAt)
    .map((a) => a.entries[code]?.score)
    .filter((v): v is number => typeof v === 'number');
}

/** The chair's consensus per item, the median of the submitted sheets where the chair set none. */
export function effectiveConsensus(
  c: ReviewCase,
  items: IndicatorLeaf[],
  all: ReviewAssignment[],
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of items) {
    const set = c.consensus[l.code];
    if (set) out[l.code] = set.score;
    else {
      const m = consensusOf(submittedScores(all, l.code), l.points).median;
      if (m !== null) out[l.code] = roundPoints(m);
    }
  }
  return out;
}

/** On site, an item with a comment on any sheet is a finding. */
function countFindings(all: ReviewAssignment[]): number {
  const codes = new Set<string>();
  for (const a of all) for (const [code, e] of Object.entries(a.entries)) if (e.comment.trim()) codes.add(code);
  return codes.size;
}

function scoresOf(entries: Record<string, SheetEntry>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, v.score]));
}

function stale(a: ReviewAssignment) {
  return coded('review.sheet_stale', { current: a.version }, { version: a.version, entries: entriesView(a.entries) });
}

/** One indicator's entry within its scoring kind: a choice where the kind has one (scored by the one rule), else a number 0…points. */
function checkedEntry(
  leaf: IndicatorLeaf,
  e: { itemCode: string; score?: number | null; choice?: SheetEntryView['choice'] | null; comment?: string },
): SheetEntry {
  const kind = scoringOf(leaf);
  const comment = (e.comment ?? '').trim();
  if (kind === 'scale') {
    const s = e.score ?? null;
    if (s !== null && (!Number.isFinite(s) || s < 0 || s > leaf.points))
      throw coded('review.score_invalid', { item: leaf.code, max: leaf.points });
    return { score: s === null ? null : roundPoints(s), comment };
  }
  if (!e.choice) return { score: null, comment };
  if (choiceProblem(leaf, e.choice)) throw coded('review.score_invalid', { item: leaf.code, max: leaf.points });
  return { score: scoreOf(leaf, e.choice), choice: e.choice, comment };
}
