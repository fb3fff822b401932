import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry } from '@hutong/server-persistence';
import type { Actor } from '../common/principal';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes audit entries. Always pass the transaction's EntityManager: the entry commits with the change. */
@Injectable()
export class AuditService {
  record(em: EntityManager, actor: Actor, rec: AuditRecord): AuditEntry {
    const entry = em.create(AuditEntry, {
      actorId: actor.id,
      actorName: actor.name,
      action: rec.action,
      entityType: rec.entityType,
      entityId: rec.entityId,
      before: rec.before ?? null,
      after: rec.after ?? null,
      ip: actor.ip,
      userAgent: actor.userAgent?.slice(0, 300) ?? null,
    });
    em.persist(entry);
    return entry;
  }
}
