import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ApplicationView } from '@hutong/assessment-model';
import { badRequest, type Principal } from '@hutong/platform-server';
import { Organisation } from '@hutong/organisations-server';
import { User } from '@hutong/identity-server';
import { ApplicationRepository } from './application.repository';
import { Objection } from './entities/assessment.entities';
import { StageEffects, type StageEffectContext } from './stage-effects';
import { TransitionService } from './transition.service';

/** Objections (异议) during publicity: filed by any organisation the cycle covers, resolved by the coordinator. */
@Injectable()
export class ObjectionService implements OnModuleInit {
  constructor(
    private readonly repo: ApplicationRepository,
    private readonly transitions: TransitionService,
    private readonly effects: StageEffects,
  ) {}

  onModuleInit(): void {
    this.effects.register('record_objection', (c) => this.record(c));
    this.effects.register('resolve_objection', (c) => this.resolve(c));
  }

  /** File an objection during publicity: any organisation the application's cycle covers. */
  file(user: Principal, id: string, reason: string): Promise<ApplicationView> {
    return this.transitions.transition(user, id, { action: 'file_objection', reason });
  }

  private record({ tx, user, app, dto, details }: StageEffectContext): void {
    if (!dto.reason?.trim()) throw badRequest('objection.reason_missing');
    const orgId = user.organisationId ?? app.cycle.jurisdiction.id;
    const o = tx.create(Objection, {
      application: app,
      filedByOrg: tx.getReference(Organisation, orgId),
      filedBy: tx.getReference(User, user.id),
      reason: dto.reason.trim(),
    });
    tx.persist(o);
    details['objectionId'] = o.id;
  }

  private async resolve({ tx, app, dto, now, details }: StageEffectContext): Promise<void> {
    // no id: the same 400 (an empty string is no uuid — PostgreSQL would answer with a 500)
    const o = dto.objectionId ? await this.repo.openObjection(tx, app.id, dto.objectionId) : null;
    if (!o) throw badRequest('objection.pick_open');
    o.resolution = dto.note?.trim() || (dto.upheld ? '异议成立' : '异议不成立');
    o.resolvedAt = now;
    o.upheld = dto.upheld ?? false;
    details['objectionId'] = o.id;
    details['upheld'] = o.upheld;
  }
}
