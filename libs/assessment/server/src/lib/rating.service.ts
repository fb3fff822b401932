import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ApplicationView } from '@hutong/assessment-model';
import { DECISION_REASON_MAX, consensusScoresProblem, leavesUpTo, refusalText } from '@hutong/assessment-model';
import { addDays, endOfShanghaiDay, shanghaiDate } from '@hutong/platform-model';
import { AuditService, actorOf, badRequest, conflict, notFound, type Principal } from '@hutong/platform-server';
import { ApplicationRepository } from './application.repository';
import { ApplicationViews } from './application-views.service';
import { StageEffects, type StageEffectContext } from './stage-effects';

/** Level rating: the coordinator's consensus scores, the level derived from them, the start of publicity. */
@Injectable()
export class RatingService implements OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly repo: ApplicationRepository,
    private readonly views: ApplicationViews,
    private readonly audit: AuditService,
    private readonly effects: StageEffects,
  ) {}

  onModuleInit(): void {
    this.effects.register('derive_level', (c) => this.recordLevel(c));
    this.effects.register('start_publicity', ({ app, to, now }) => {
      if (to === 'publicity')
        app.publicityEndsAt = endOfShanghaiDay(addDays(shanghaiDate(now), app.cycle.publicityDays));
    });
    this.effects.register('record_rejection', (c) => this.recordRejection(c));
  }

  async setConsensusScores(user: Principal, id: string, scores: Record<string, number>): Promise<ApplicationView> {
    return this.em.transactional(async (tx) => {
      const app = await this.repo.load(tx, id, true);
      if (!app) throw notFound('application');
      if (app.state !== 'rating') throw conflict('application.consensus_only_in_rating');
      const problem = consensusScoresProblem(leavesUpTo(app.scheme.tree, app.targetLevel), scores);
      if (problem) throw badRequest(problem.code, problem.params);
      const before = { ...app.consensusScores };
      app.consensusScores = { ...app.consensusScores, ...scores };
      this.audit.record(tx, actorOf(user), {
        action: 'application.consensus_scores',
        entityType: 'application',
        entityId: id,
        before,
        after: app.consensusScores,
      });
      return this.views.view(user, id, tx);
    });
  }

  /**
   * national_reject (the national body does not confirm a referred level) and revoke (a failed spot check cancels a
   * published level): no level; the reason appended to the explanation, and kept in the event's details.
   */
  private recordRejection({ app, dto, details }: StageEffectContext): void {
    const reason = dto.reason?.trim() ?? '';
    if (reason.length > DECISION_REASON_MAX)
      throw badRequest('application.reason_too_long', { max: DECISION_REASON_MAX });
    details['level'] = app.achievedLevel;
    details['reason'] = reason;
    app.achievedLevel = null;
    const line = refusalText({
      code: dto.action === 'revoke' ? 'application.revoked_explanation' : 'application.national_rejected_explanation',
      params: { reason },
    });
    app.resultExplanation = [...(app.resultExplanation ?? []), line];
    details['achievedLevel'] = null;
  }

  /** The level the machine decided on: not passed awards none, even when a lower one was reached. */
  private recordLevel({ app, to, derived, machine, dto, details }: StageEffectContext): void {
    if (!derived) return;
    app.achievedLevel = to === 'not_passed' ? null : derived.level;
    app.resultExplanation =
      machine.levelOutcome === 'lower'
        ? [
            ...derived.explanation,
            to === 'not_passed' ? '评定决定：未通过（不授予较低等级）' : '评定决定：授予较低等级',
          ]
        : derived.explanation;
    details['derivedLevel'] = derived.level;
    details['achievedLevel'] = app.achievedLevel;
    if (machine.levelOutcome === 'lower') details['lowerLevelDecision'] = dto.lowerLevelDecision;
  }
}
