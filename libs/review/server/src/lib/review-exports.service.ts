import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { deriveLevel, roundPoints } from '@hutong/assessment-model';
import { ApplicationReader } from '@hutong/assessment-server';
import { notFound, type Principal } from '@hutong/platform-server';
import { PanelMember, ReviewAssignment, ReviewCase } from './entities/review.entities';
import { ReviewAccess } from './review-access';
import { SessionService, sheetItems } from './session.service';
import { effectiveConsensus } from './scoring.service';
import { checklistXlsx, resultsXlsx, type ResultRow } from './review-sheets';

export interface ExportFile {
  name: string;
  body: Buffer;
}

/**
 * The review's spreadsheets: an application's checklist (现场查验检查表 / 专家文审评分表, generated from its
 * scheme up to the target level, with the self-assessment beside each item) and a session's result table
 * (文审结果汇总表 / 现场查验结果汇总表). An expert on the case (or the session's chair, unless conflicted) gets
 * the blank checklist to take on site; the office's copy carries what was found — the consensus and every
 * submitted sheet's comments — and the rectification required.
 */
@Injectable()
export class ReviewExportService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ReviewAccess,
    private readonly apps: ApplicationReader,
    private readonly sessions: SessionService,
  ) {}

  async checklist(user: Principal, caseId: string): Promise<ExportFile> {
    const em = this.em.fork();
    const c = await em.findOne(ReviewCase, { id: caseId }, { populate: ['session'] });
    if (!c) throw notFound('review_case');
    const s = c.session;
    const staff = user.role !== 'expert';
    if (staff) {
      if (!this.access.staffSees(user, s)) throw notFound('review_case');
    } else {
      const expert = await this.access.expertOf(em, user);
      const on = await em.count(ReviewAssignment, { reviewCase: c, expert });
      const chair = await em.count(PanelMember, { session: s, expert, role: 'chair', status: 'accepted' });
      // never a conflicted expert: an assignment is never made with a conflict, and the chair only if unconflicted
      if (!on && !(chair && (await this.sessions.unconflictedCases(em, s, expert.id)).has(c.id)))
        throw notFound('review_case');
    }
    const d = await this.apps.dossier(c.applicationId);
    const all = await em.find(
      ReviewAssignment,
      { reviewCase: c },
      { populate: ['expert'], orderBy: { createdAt: 'asc' } },
    );
    const chairs = new Set(
      (await em.find(PanelMember, { session: s, role: 'chair', status: 'accepted' })).map((m) => m.expert.id),
    );
    const team = all
      .map((a) => ({ name: a.expert.name, chair: chairs.has(a.expert.id) }))
      .sort((a, b) => Number(b.chair) - Number(a.chair));
    let findings: Map<string, { score: number | null; comments: string[] }> | undefined;
    if (staff) {
      const items = sheetItems(d, s.kind);
      const consensus = effectiveConsensus(c, items, all);
      findings = new Map(
        items.map((l) => [
          l.code,
          {
            score: consensus[l.code] ?? null,
            comments: all
              .filter((a) => a.submittedAt && a.entries[l.code]?.comment.trim())
              .map((a) => `${a.expert.name}：${a.entries[l.code]!.comment.trim()}`),
          },
        ]),
      );
    }
    const body = await checklistXlsx({
      kind: s.kind,
      sessionTitle: s.title,
      date: s.date,
      endDate: s.endDate,
      organisationName: c.organisationName,
      schemeName: d.schemeName,
      targetLevel: d.targetLevel,
      team,
      tree: d.tree,
      answers: d.answers,
      evidence: d.evidence,
      ...(findings ? { findings, rectification: c.rectification } : {}),
    });
    const kind = s.kind === 'onsite' ? '现场查验检查表' : '专家文审评分表';
    return { name: `${c.organisationName}-${kind}.xlsx`, body };
  }

  async results(user: Principal, sessionId: string): Promise<ExportFile> {
    const em = this.em.fork();
    const { session: s } = await this.access.readableSession(em, user, sessionId);
    if (user.role === 'expert') throw notFound('review_session');
    const cases = await em.find(ReviewCase, { session: s }, { orderBy: { position: 'asc' } });
    const all = await em.find(ReviewAssignment, { reviewCase: { session: s } }, { orderBy: { createdAt: 'asc' } });
    const rows: ResultRow[] = [];
    for (const c of cases) {
      const d = await this.apps.dossier(c.applicationId);
      const mine = all.filter((a) => a.reviewCase.id === c.id);
      const done = mine.length > 0 && mine.every((a) => a.submittedAt);
      const items = sheetItems(d, s.kind);
      const consensus = done ? effectiveConsensus(c, items, mine) : null;
      const derived = consensus
        ? deriveLevel(d.tree, d.levelRules, d.targetLevel, { ...d.consensusScores, ...consensus }).level
        : null;
      rows.push({
        organisationName: c.organisationName,
        targetLevel: d.targetLevel,
        experts: mine.length,
        submitted: mine.filter((a) => a.submittedAt).length,
        total: consensus ? roundPoints(Object.values(consensus).reduce((n, v) => n + v, 0)) : null,
        derivedLevel: derived,
        passed: s.kind === 'onsite' ? c.passed : null,
        opinion: c.opinion,
        rectification: c.rectification,
        consolidatedAt: c.consolidatedAt,
      });
    }
    const body = await resultsXlsx({ kind: s.kind, sessionTitle: s.title, date: s.date, rows });
    const name = s.kind === 'onsite' ? '现场查验结果汇总表' : '文审结果汇总表';
    return { name: `${s.title}-${name}.xlsx`, body };
  }
}
