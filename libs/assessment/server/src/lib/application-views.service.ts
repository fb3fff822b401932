import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type {
  AnswerChange,
  ApplicationSummary,
  ApplicationVersionView,
  ApplicationView,
  Level,
  MyObjection,
  PublicityEntry,
} from '@hutong/assessment-model';
import { TRANSITIONS, availableActions, diffVersions, leavesUpTo } from '@hutong/assessment-model';
import { nationwide, type Paged } from '@hutong/platform-model';
import { notFound, type Principal } from '@hutong/platform-server';
import { ApplicationRepository } from './application.repository';
import {
  evidenceView,
  historyView,
  myObjectionView,
  objectionView,
  regionPathOf,
  summaryOf,
  versionView,
} from './application.mappers';
import type { BoardQueryDto } from './assessment.dto';
import { EvidenceStore } from './evidence-store';
import { machineContext } from './transition-context';

/** Reading applications: the board, the caller's lists, publicity, one application with what the caller may do. */
@Injectable()
export class ApplicationViews {
  constructor(
    private readonly em: EntityManager,
    private readonly repo: ApplicationRepository,
    private readonly store: EvidenceStore,
  ) {}

  async board(user: Principal, cycleId: string, q: BoardQueryDto): Promise<Paged<ApplicationSummary>> {
    const now = new Date();
    const page = await this.repo.board(user.scopePath, cycleId, q, now);
    const names = await this.repo.regionNames(page.items.map((a) => a.organisation));
    return {
      items: page.items.map((a) => summaryOf(a, names, now)),
      total: page.total,
      page: page.page,
      pageSize: page.pageSize,
    };
  }

  async mine(user: Principal): Promise<ApplicationSummary[]> {
    const apps = await this.repo.mine(user.scopePath);
    const names = await this.repo.regionNames(apps.map((a) => a.organisation));
    const now = new Date();
    return apps.map((a) => summaryOf(a, names, now));
  }

  /**
   * Results under publicity or published in every cycle that covers the caller or lies in its
   * jurisdiction — public information, so that any covered organisation can object in time.
   */
  async publicity(user: Principal): Promise<PublicityEntry[]> {
    const apps = await this.repo.publicity(user.scopePath);
    const names = await this.repo.regionNames(apps.map((a) => a.organisation));
    const now = new Date();
    // the roles the stage machine lets file an objection (not viewers, not the national body)
    const mayObject = TRANSITIONS.some((t) => t.action === 'file_objection' && t.roles.includes(user.role));
    // the objector sees the handling of its own objections (never who else objected)
    const mine = new Map<string, MyObjection[]>();
    if (user.organisationId) {
      const own = await this.repo.objectionsFiledBy(
        user.organisationId,
        apps.map((a) => a.id),
      );
      for (const o of own) mine.set(o.application.id, [...(mine.get(o.application.id) ?? []), myObjectionView(o)]);
    }
    return apps
      .map((a) => ({
        applicationId: a.id,
        cycleId: a.cycle.id,
        cycleName: a.cycle.name,
        organisation: { id: a.organisation.id, code: a.organisation.code, name: a.organisation.name },
        regionPath: regionPathOf(a.organisation.path, names),
        targetLevel: a.targetLevel as Level,
        achievedLevel: a.achievedLevel,
        state: a.state,
        publicityEndsAt: a.publicityEndsAt?.toISOString() ?? null,
        canObject:
          a.state === 'publicity' &&
          !!a.publicityEndsAt &&
          now < a.publicityEndsAt &&
          mayObject &&
          user.organisationId !== a.organisation.id,
        myObjections: mine.get(a.id) ?? [],
      }))
      .sort((x, y) => (y.publicityEndsAt ?? '').localeCompare(x.publicityEndsAt ?? ''));
  }

  /** One application as the caller sees it, with the actions the stage machine lets the caller take now. */
  async view(user: Principal, id: string, em: EntityManager = this.em): Promise<ApplicationView> {
    const app = await this.repo.load(em, id);
    if (!app) throw notFound('application');
    const required = leavesUpTo(app.scheme.tree, app.targetLevel);
    const saved = new Map(app.answers.map((a) => [a.itemCode, a]));
    // one after the other: `em` may be a transaction (one connection)
    const evidence = await this.repo.liveEvidence(em, id);
    const events = await this.repo.history(em, id);
    const objections = await this.repo.objections(em, id);
    const openObjections = objections.filter((o) => !o.resolvedAt).length;
    const names = await this.repo.regionNames([app.organisation]);
    const now = new Date();
    // listing what the caller may do: a return would carry its reasons, so do not show it as blocked for lack of them
    // (nor a rate for lack of the coordinator's decision on a missed target level, nor the national body's
    // rejection or revocation for lack of a reason: the page asks for them)
    const ctx = machineContext(
      app,
      user,
      required,
      evidence,
      now,
      { returnReasons: [{ itemCode: '-', reason: '-' }], lowerLevelDecision: 'not_passed', reason: '-' },
      openObjections,
    );
    // objectors are confidential to coordinators: the objected-to applicant sees the objection, not who filed it
    const seesObjectors = nationwide(user.role) || (user.role === 'coordinator' && ctx.inJurisdiction);
    return {
      ...summaryOf(app, names, now),
      schemeId: app.scheme.id,
      answers: required.map((l) => saved.get(l.code) ?? { itemCode: l.code, selfScore: null, statement: '' }),
      evidence: evidence.map(evidenceView),
      returnReasons: app.returnReasons,
      returnDeadline: app.returnDeadline,
      consensusScores: app.consensusScores,
      resultExplanation: app.resultExplanation,
      publicityEndsAt: app.publicityEndsAt?.toISOString() ?? null,
      conformance: app.conformance,
      reviewOpinions: app.reviewOpinions,
      documentReviewDoneAt: app.documentReviewDoneAt?.toISOString() ?? null,
      onsiteResult: app.onsiteResult,
      spotCheck: app.spotCheck,
      objections: objections.map((o) => objectionView(o, { organisationId: user.organisationId, seesObjectors })),
      actions: availableActions(app.state, ctx),
      history: events.map(historyView),
    };
  }

  async versions(id: string): Promise<ApplicationVersionView[]> {
    return (await this.repo.versions(id)).map(versionView);
  }

  async diff(id: string, from: number, to: number): Promise<AnswerChange[]> {
    const [a, b] = await Promise.all([this.repo.version(id, from), this.repo.version(id, to)]);
    if (!a || !b) throw notFound('version');
    return diffVersions(a, b);
  }

  /** An evidence file the caller may download (the guard checked the application is in scope). */
  async evidenceFile(
    applicationId: string,
    evidenceId: string,
  ): Promise<{ path: string; fileName: string; mime: string }> {
    const e = await this.repo.evidence(applicationId, evidenceId);
    if (!e) throw notFound('evidence');
    return { path: this.store.pathOf(e.sha256), fileName: e.fileName, mime: e.mime };
  }
}
