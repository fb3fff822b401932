import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { STAGE_EVENT_TOPIC, type StageEventData } from '@hutong/assessment-model';
import type { DomainEventPayload } from '@hutong/platform-model';
import { OutboxRelay, type OutboxSource } from '@hutong/platform-server';
import { StageEvent } from './entities/assessment.entities';

interface Row {
  id: string;
  at: Date;
  actor: string;
  action: StageEventData['action'];
  from_state: StageEventData['from'];
  to_state: StageEventData['to'];
  note: string | null;
  details: Record<string, unknown> | null;
  application_id: string;
  cycle_id: string;
  organisation_id: string;
}

/** The stage events as an outbox source: oldest first, claimed with `for update skip locked`. */
export const stageEventOutbox: OutboxSource = {
  name: 'stage-event',
  async claim(tx: EntityManager, limit: number): Promise<DomainEventPayload<StageEventData>[]> {
    const rows = await tx.execute<Row[]>(
      `select e.id, e.at, e.actor, e.action, e.from_state, e.to_state, e.note, e.details,
              a.id as application_id, a.cycle_id, a.organisation_id
         from stage_event e join application a on a.id = e.application_id
        where e.published_at is null
        order by e.at, e.id
        limit ?
        for update of e skip locked`,
      [limit],
    );
    return rows.map((r) => ({
      id: r.id,
      topic: STAGE_EVENT_TOPIC,
      at: new Date(r.at).toISOString(),
      data: {
        applicationId: r.application_id,
        cycleId: r.cycle_id,
        organisationId: r.organisation_id,
        action: r.action,
        from: r.from_state,
        to: r.to_state,
        actor: r.actor,
        note: r.note,
        details: r.details ?? {},
      },
    }));
  },
  async markPublished(tx: EntityManager, ids: string[], at: Date): Promise<void> {
    await tx.nativeUpdate(StageEvent, { id: { $in: ids } }, { publishedAt: at });
  },
};

/** Registers the stage-event outbox with the worker's relay. */
@Injectable()
export class StageEventOutboxRegistration implements OnModuleInit {
  constructor(private readonly relay: OutboxRelay) {}

  onModuleInit(): void {
    this.relay.register(stageEventOutbox);
  }
}
