import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEntryView, AuditQuery, Paged } from '@hutong/platform-model';
import { addDays, isValidDate, startOfShanghaiDay } from '@hutong/platform-model';
import { AuditEntry } from './audit-entry.entity';
import { AuditLabels } from './audit-labels';
import type { Actor } from '../common/principal';
import { badRequest } from '../common/errors';
import { containsPattern, escapeLike } from '../common/sql';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

export type { AuditQuery };

interface AuditRow {
  id: string;
  at: Date | string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** For a deleted object: the name its snapshot kept. */
function snapshotName(r: AuditRow): string | null {
  for (const snap of [r.before, r.after]) {
    if (!snap || typeof snap !== 'object') continue;
    const o = snap as Record<string, unknown>;
    for (const k of ['name', 'displayName', 'username', 'fileName'])
      if (typeof o[k] === 'string' && o[k]) return o[k] as string;
  }
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The uuid values of `…Id` / `…Ids` fields in a snapshot. */
export function referencedIds(snapshot: unknown): string[] {
  if (!snapshot || typeof snapshot !== 'object' || Array.isArray(snapshot)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(snapshot as Record<string, unknown>)) {
    if (!/Ids?$/.test(k)) continue;
    for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string' && UUID.test(x)) out.push(x.toLowerCase());
  }
  return out;
}

/** Writes audit entries. Always pass the transaction's EntityManager: the entry commits with the change. */
@Injectable()
export class AuditService {
  constructor(
    private readonly em: EntityManager,
    private readonly labels: AuditLabels,
  ) {}

  /** Newest first, filtered and paginated in SQL. */
  async list(q: AuditQuery): Promise<Paged<AuditEntryView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const d of [q.from, q.to])
      if (d !== undefined && !isValidDate(d)) throw badRequest('date.invalid', { value: d });
    if (q.from && q.to && q.from > q.to) throw badRequest('date.range_reversed');
    if (q.from) {
      where.push('e.at >= ?');
      params.push(startOfShanghaiDay(q.from));
    }
    if (q.to) {
      where.push('e.at < ?');
      params.push(startOfShanghaiDay(addDays(q.to, 1)));
    }
    if (q.actorId) {
      where.push('e.actor_id = ?');
      params.push(q.actorId);
    }
    if (q.actor) {
      where.push(
        "(e.actor_name ilike ? escape '\\' or e.actor_id in (select u.id from app_user u where u.display_name ilike ? escape '\\'))",
      );
      const like = containsPattern(q.actor.trim());
      params.push(like, like);
    }
    if (q.action?.endsWith('.')) {
      where.push("e.action like ? escape '\\'");
      params.push(`${escapeLike(q.action)}%`);
    } else if (q.action) {
      where.push('e.action = ?');
      params.push(q.action);
    }
    if (q.entityType) {
      where.push('e.entity_type = ?');
      params.push(q.entityType);
    }
    if (q.entityId) {
      where.push('e.entity_id = ?');
      params.push(q.entityId);
    }
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const whereSql = where.length ? `where ${where.join(' and ')}` : '';
    const conn = this.em.getConnection();
    const [{ total }] = await conn.execute<{ total: string }[]>(
      `select count(*) as total from audit_entry e ${whereSql}`,
      params,
    );
    const rows = await conn.execute<AuditRow[]>(
      `select e.id::text as id, e.at, e.actor_id, e.actor_name, e.action, e.entity_type, e.entity_id,
              e.before, e.after, e.ip
         from audit_entry e ${whereSql}
        order by e.id desc limit ? offset ?`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    // names come from the capabilities that own the objects (AuditLabels), resolved now
    const byType = new Map<string, string[]>();
    for (const r of rows)
      if (r.entity_id && UUID.test(r.entity_id))
        byType.set(r.entity_type, [...(byType.get(r.entity_type) ?? []), r.entity_id]);
    const entityLabels = await this.labels.labels(byType);
    const ids = [...new Set(rows.flatMap((r) => [...referencedIds(r.before), ...referencedIds(r.after)]))];
    const labels = await this.labels.refs(ids);
    const items = rows.map((r): AuditEntryView => {
      const refs: Record<string, string> = {};
      for (const id of [...referencedIds(r.before), ...referencedIds(r.after)]) {
        const label = labels.get(id);
        if (label) refs[id] = label;
      }
      return {
        id: r.id,
        at: new Date(r.at).toISOString(),
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        entityLabel: (r.entity_id ? entityLabels.get(`${r.entity_type}:${r.entity_id}`) : undefined) ?? snapshotName(r),
        before: r.before,
        after: r.after,
        refs,
        ip: r.ip,
      };
    });
    return { items, total: Number(total), page, pageSize };
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
