import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import type { AuditEntryView, Paged } from '@hutong/platform-model';
import { AuditEntry } from './audit-entry.entity';
import type { Actor } from '../common/principal';
import { escapeLike } from '../common/sql';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes audit entries. Always pass the transaction's EntityManager: the entry commits with the change. */
export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  action?: string;
  page?: number;
  pageSize?: number;
}

@Injectable()
export class AuditService {
  constructor(private readonly em: EntityManager) {}

  async list(q: AuditQuery): Promise<Paged<AuditEntryView>> {
    const where: FilterQuery<AuditEntry> = {};
    if (q.entityType) where.entityType = q.entityType;
    if (q.entityId) where.entityId = q.entityId;
    if (q.action) where.action = { $like: `${escapeLike(q.action)}%` };
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const [rows, total] = await this.em.findAndCount(AuditEntry, where, {
      orderBy: { id: 'desc' },
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const items = rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorName: r.actorName,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      ip: r.ip,
    }));
    return { items, total, page, pageSize };
  }

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
