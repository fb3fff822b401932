import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EFFECTS, type Effect, type IndicatorLeaf, type Level, type TransitionContext } from '@hutong/assessment-model';
import type { Principal } from '@hutong/platform-server';
import type { Application, Evidence } from './entities/assessment.entities';
import type { TransitionDto } from './assessment.dto';

/** What an effect handler gets: the locked application, the request, the machine's decision and its context. */
export interface StageEffectContext {
  tx: EntityManager;
  user: Principal;
  app: Application;
  dto: TransitionDto;
  now: Date;
  /** the leaves required up to the target level */
  required: IndicatorLeaf[];
  /** live evidence of the application */
  evidence: Evidence[];
  machine: TransitionContext;
  /** the level derived from the consensus scores, for `rate` (before deciding) */
  derived: { level: Level | null; explanation: string[] } | null;
  from: Application['state'];
  to: Application['state'];
  /** what the transition recorded: goes into the audit entry and the stage event (the outbox) */
  details: Record<string, unknown>;
}

export type StageEffectHandler = (c: StageEffectContext) => void | Promise<void>;

/**
 * The stage machine names effects; the capability's services register what each effect does. A
 * transition runs its effects in the order the machine lists them, inside the transition's
 * transaction, so a refusal by any handler writes nothing. Other capabilities do not register here:
 * they subscribe to the stage events the outbox publishes.
 */
@Injectable()
export class StageEffects implements OnApplicationBootstrap {
  private readonly handlers = new Map<Effect, StageEffectHandler>();

  register(effect: Effect, handler: StageEffectHandler): void {
    if (this.handlers.has(effect)) throw new Error(`stage effect ${effect} has two handlers`);
    this.handlers.set(effect, handler);
  }

  async run(effects: readonly Effect[], c: StageEffectContext): Promise<void> {
    for (const effect of effects) {
      const handle = this.handlers.get(effect);
      if (!handle) throw new Error(`stage effect ${effect} has no handler`);
      await handle(c);
    }
  }

  /** Every effect the machine can ask for has a handler — checked when the app starts, not on first use. */
  onApplicationBootstrap(): void {
    const missing = EFFECTS.filter((e) => !this.handlers.has(e));
    if (missing.length) throw new Error(`stage effects without a handler: ${missing.join(', ')}`);
  }
}
