import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  FACT_NOTE_MAX,
  OPINION_MAX,
  REVIEW_STAGES,
  consensusScoresProblem,
  leavesUpTo,
  refusalText,
  type ApplicationState,
  type AssessmentMessageCode,
  type ConformanceResult,
  type OnsiteResult,
  type RecordConformanceRequest,
  type RecordConsensusRequest,
  type RecordOnsiteRequest,
  type ReturnReason,
  type SpotCheck,
  type SpotCheckRequest,
} from '@hutong/assessment-model';
import { isValidDate, shanghaiDate } from '@hutong/platform-model';
import { AuditService, actorOf, badRequest, conflict, notFound, type Principal } from '@hutong/platform-server';
import { ApplicationRepository } from './application.repository';
import type { Application } from './entities/assessment.entities';
import { StageEffects, type StageEffectContext } from './stage-effects';

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/** A text of at most `max` characters, trimmed; blank → null. */
function text(v: unknown, max: number, code: AssessmentMessageCode): string | null {
  if (v === undefined || v === null) return null;
  const s = String(v).trim();
  if (s.length > max) throw badRequest(code, { max });
  return s || null;
}

/**
 * The facts the review records on an application, each in its state, in one transaction with its audit entry:
 * the standard conformance test's result (标准符合性测试), the expert panels' consensus scores and opinion per stage
 * (专家文审 / 现场查验 结果汇总), the on-site inspection's result and the national body's spot check (飞行检查). The
 * stage machine's guards read them (finish_conformance, to_onsite / to_rating, finish_onsite). Who may record is
 * the caller's rule (the endpoints' @Access; the review capability's own); here: the application, its state and
 * the values. It also owns the effects of the conformance test: a new round clears the last result, a failed
 * test returns the application for 对标改造.
 */
@Injectable()
export class ReviewFactsService implements OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly repo: ApplicationRepository,
    private readonly audit: AuditService,
    private readonly effects: StageEffects,
  ) {}

  onModuleInit(): void {
    this.effects.register('clear_conformance', ({ app }) => {
      app.conformance = null;
    });
    this.effects.register('record_conformance_return', (c) => this.recordConformanceReturn(c));
  }

  async recordConformance(
    actor: Principal,
    applicationId: string,
    result: RecordConformanceRequest,
    em: EntityManager = this.em,
  ): Promise<void> {
    if (
      typeof result.passed !== 'boolean' ||
      !isCount(result.items) ||
      !isCount(result.failedItems) ||
      result.failedItems > result.items
    )
      throw badRequest('application.conformance_counts_invalid');
    const note = text(result.note, FACT_NOTE_MAX, 'application.note_too_long');
    await em.transactional(async (tx) => {
      const app = await this.lockIn(tx, applicationId, 'conformance_testing', () =>
        conflict('application.conformance_only_in_testing'),
      );
      const before = app.conformance;
      const recorded: ConformanceResult = {
        passed: result.passed,
        items: result.items,
        failedItems: result.failedItems,
        note,
        recordedAt: new Date().toISOString(),
      };
      app.conformance = recorded;
      this.audit.record(tx, actorOf(actor), {
        action: 'application.conformance',
        entityType: 'application',
        entityId: applicationId,
        before: before ? { conformance: before } : null,
        after: { conformance: recorded },
      });
    });
  }

  async recordConsensus(
    actor: Principal,
    applicationId: string,
    input: RecordConsensusRequest,
    em: EntityManager = this.em,
  ): Promise<void> {
    if (!REVIEW_STAGES.includes(input.stage))
      throw badRequest('application.review_stage_invalid', { stage: String(input.stage) });
    const opinion = text(input.opinion, OPINION_MAX, 'application.opinion_too_long');
    if (!opinion) throw badRequest('application.opinion_required');
    const scores = input.scores ?? {};
    if (typeof scores !== 'object' || Array.isArray(scores)) throw badRequest('validation.failed');
    await em.transactional(async (tx) => {
      const app = await this.lockIn(tx, applicationId, input.stage, () =>
        conflict('application.consensus_wrong_stage', { stage: input.stage }),
      );
      const problem = consensusScoresProblem(leavesUpTo(app.scheme.tree, app.targetLevel), scores);
      if (problem) throw badRequest(problem.code, problem.params);
      const now = new Date();
      const before = {
        scores: Object.fromEntries(Object.keys(scores).map((c) => [c, app.consensusScores[c] ?? null])),
        opinion: app.reviewOpinions[input.stage] ?? null,
      };
      app.consensusScores = { ...app.consensusScores, ...scores };
      app.reviewOpinions = { ...app.reviewOpinions, [input.stage]: { opinion, at: now.toISOString() } };
      if (input.stage === 'document_review') app.documentReviewDoneAt = now;
      this.audit.record(tx, actorOf(actor), {
        action: 'application.review_consensus',
        entityType: 'application',
        entityId: applicationId,
        before,
        after: {
          stage: input.stage,
          scores,
          opinion,
          ...(input.stage === 'document_review' ? { documentReviewDoneAt: now.toISOString() } : {}),
        },
      });
    });
  }

  async recordOnsite(
    actor: Principal,
    applicationId: string,
    result: RecordOnsiteRequest,
    em: EntityManager = this.em,
  ): Promise<void> {
    if (typeof result.passed !== 'boolean') throw badRequest('validation.failed');
    if (!isCount(result.findings)) throw badRequest('application.findings_invalid');
    const rectification = text(result.rectification, FACT_NOTE_MAX, 'application.rectification_too_long');
    await em.transactional(async (tx) => {
      const app = await this.lockIn(tx, applicationId, 'onsite', () => conflict('application.onsite_only_in_onsite'));
      const before = app.onsiteResult;
      const recorded: OnsiteResult = {
        passed: result.passed,
        findings: result.findings,
        rectification,
        recordedAt: new Date().toISOString(),
      };
      app.onsiteResult = recorded;
      this.audit.record(tx, actorOf(actor), {
        action: 'application.onsite_result',
        entityType: 'application',
        entityId: applicationId,
        before: before ? { onsiteResult: before } : null,
        after: { onsiteResult: recorded },
      });
    });
  }

  /** 飞行检查: the national body's check of a published result; a failed one is followed by `revoke`. */
  async recordSpotCheck(actor: Principal, applicationId: string, input: SpotCheckRequest): Promise<void> {
    if (typeof input.date !== 'string' || !isValidDate(input.date))
      throw badRequest('date.invalid', { value: String(input.date) });
    if (typeof input.passed !== 'boolean') throw badRequest('validation.failed');
    const note = text(input.note, FACT_NOTE_MAX, 'application.note_too_long') ?? '';
    await this.em.transactional(async (tx) => {
      const app = await this.lockIn(tx, applicationId, 'published', () =>
        conflict('application.spot_check_only_published'),
      );
      const before = app.spotCheck;
      const recorded: SpotCheck = {
        date: input.date,
        passed: input.passed,
        note,
        recordedAt: new Date().toISOString(),
        recordedBy: actor.username,
      };
      app.spotCheck = recorded;
      this.audit.record(tx, actorOf(actor), {
        action: 'application.spot_check',
        entityType: 'application',
        entityId: applicationId,
        before: before ? { spotCheck: before } : null,
        after: { spotCheck: recorded },
      });
    });
  }

  /** The application, locked for update: 404 when unknown, the given refusal when it is not in `state`. */
  private async lockIn(
    tx: EntityManager,
    id: string,
    state: ApplicationState,
    wrongState: () => Error,
  ): Promise<Application> {
    const app = await this.repo.load(tx, id, true);
    if (!app) throw notFound('application');
    if (app.state !== state) throw wrongState();
    return app;
  }

  /** finish_conformance of a failed test: back to the applicant (对标改造) with the reason written for it. */
  private recordConformanceReturn({ app, to, dto, now, details }: StageEffectContext): void {
    const result = app.conformance;
    details['conformance'] = result;
    if (to !== 'returned' || !result) return;
    if (dto.returnDeadline && dto.returnDeadline < shanghaiDate(now))
      throw badRequest('application.return_deadline_past');
    const params = { n: result.failedItems };
    const reason: ReturnReason = {
      itemCode: '',
      reason: refusalText({ code: 'application.conformance_failed_reason', params }),
      code: 'application.conformance_failed_reason',
      params,
    };
    app.returnReasons = [reason];
    // 对标改造 takes what it takes: the process sets no date; the coordinator may give one
    app.returnDeadline = dto.returnDeadline ?? null;
    details['returnReasons'] = app.returnReasons;
    details['returnDeadline'] = app.returnDeadline;
  }
}
