import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ApplicationAction, ApplicationView, BulkTransitionResult } from '@hutong/assessment-model';
import type { ApiError } from '@hutong/platform-model';
import { decide, deriveLevel, leavesUpTo, levelOutcome } from '@hutong/assessment-model';
import { AuditService, actorOf, coded, notFound, type Principal } from '@hutong/platform-server';
import { ApplicationRepository } from './application.repository';
import { ApplicationViews } from './application-views.service';
import type { TransitionDto } from './assessment.dto';
import { StageEvent } from './entities/assessment.entities';
import { StageEffects } from './stage-effects';
import { machineContext } from './transition-context';

/**
 * One stage transition: the stage machine decides, the registered effect handlers do what the
 * machine lists, and the stage event is written in the same transaction — the outbox from which the
 * worker publishes it. Every step is audited; a refusal writes nothing.
 */
@Injectable()
export class TransitionService {
  constructor(
    private readonly em: EntityManager,
    private readonly repo: ApplicationRepository,
    private readonly views: ApplicationViews,
    private readonly effects: StageEffects,
    private readonly audit: AuditService,
  ) {}

  async transition(user: Principal, id: string, dto: TransitionDto): Promise<ApplicationView> {
    return this.em.transactional(async (tx) => {
      await this.apply(tx, user, id, dto);
      return this.views.view(user, id, tx);
    });
  }

  /** The same action on many applications, each in its own transaction; refusals are reported, not thrown. */
  async bulk(user: Principal, ids: string[], action: ApplicationAction, note?: string): Promise<BulkTransitionResult> {
    const result: BulkTransitionResult = { done: [], refused: [] };
    for (const id of [...new Set(ids)]) {
      try {
        await this.em.fork().transactional((tx) => this.apply(tx, user, id, { action, note }));
        result.done.push(id);
      } catch (e) {
        const body = (e as { getResponse?: () => unknown }).getResponse?.() as ApiError | undefined;
        if (!body?.message) throw e;
        result.refused.push({
          id,
          reason: body.message,
          ...(body.code ? { code: body.code, params: body.params ?? {} } : {}),
        });
      }
    }
    return result;
  }

  async apply(tx: EntityManager, user: Principal, id: string, dto: TransitionDto): Promise<void> {
    const app = await this.repo.load(tx, id, true);
    if (!app) throw notFound('application');
    const required = leavesUpTo(app.scheme.tree, app.targetLevel);
    const evidence = await this.repo.liveEvidence(tx, id);
    const now = new Date();
    const machine = machineContext(app, user, required, evidence, now, dto, await this.repo.openObjectionCount(tx, id));
    // the level is derived before deciding, so that the stage machine chooses publicity or not_passed
    const derived =
      dto.action === 'rate'
        ? deriveLevel(app.scheme.tree, app.scheme.levelRules, app.targetLevel, app.consensusScores)
        : null;
    if (derived) {
      machine.levelOutcome = levelOutcome(derived.level, app.targetLevel);
      machine.derivedLevel = derived.level;
    }
    const decision = decide(app.state, dto.action, machine);
    if (!decision.ok) {
      if (decision.status === 422)
        throw coded(decision.code, decision.params, { missing: machine.missing }, HttpStatus.UNPROCESSABLE_ENTITY);
      throw coded(
        decision.code,
        decision.params,
        undefined,
        decision.status === 403 ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT,
      );
    }
    const from = app.state;
    const details: Record<string, unknown> = {};
    await this.effects.run(decision.effects, {
      tx,
      user,
      app,
      dto,
      now,
      required,
      evidence,
      machine,
      derived,
      from,
      to: decision.to,
      details,
    });
    app.state = decision.to;
    tx.persist(
      tx.create(StageEvent, {
        application: app,
        at: now,
        actor: user.username,
        action: dto.action,
        fromState: from,
        toState: decision.to,
        note: dto.note?.trim() || null,
        details,
      }),
    );
    this.audit.record(tx, actorOf(user), {
      action: `application.${dto.action}`,
      entityType: 'application',
      entityId: id,
      before: { state: from },
      after: { state: decision.to, ...details },
    });
  }
}
