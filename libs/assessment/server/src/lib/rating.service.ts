import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ApplicationView } from '@hutong/assessment-model';
import { leavesUpTo } from '@hutong/assessment-model';
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
  }

  async setConsensusScores(user: Principal, id: string, scores: Record<string, number>): Promise<ApplicationView> {
    return this.em.transactional(async (tx) => {
      const app = await this.repo.load(tx, id, true);
      if (!app) throw notFound('application');
      if (app.state !== 'rating') throw conflict('application.consensus_only_in_rating');
      const leaves = new Map(leavesUpTo(app.scheme.tree, app.targetLevel).map((l) => [l.code, l]));
      for (const [code, v] of Object.entries(scores)) {
        const leaf = leaves.get(code);
        if (!leaf) throw badRequest('application.item_not_in_scope', { item: code });
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > leaf.points)
          throw badRequest('application.score_out_of_range', { item: code, max: leaf.points });
      }
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
