import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEntryView, AuditQuery, Paged } from '@hutong/platform-model';
import { addDays, isValidDate, startOfShanghaiDay } from '@hutong/platform-model';
import { AuditEntry } from './audit-entry.entity';
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
  entity_label: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/**
 * The entry's object by name, resolved now (a renamed organisation shows its current name); for
 * a deleted one, the name its snapshot kept.
 */
const LABEL_SQL = `coalesce(
  case e.entity_type
    when 'organisation' then (select o.name from organisation o where o.id::text = e.entity_id)
    when 'user' then (select u.display_name || '（' || u.username || '）' from app_user u where u.id::text = e.entity_id)
    when 'application' then (select o.name || ' · ' || c.name from application a
                               join organisation o on o.id = a.organisation_id
                               join cycle c on c.id = a.cycle_id where a.id::text = e.entity_id)
    when 'cycle' then (select c.name from cycle c where c.id::text = e.entity_id)
    when 'scheme' then (select s.name || ' v' || s.version from scheme s where s.id::text = e.entity_id)
    when 'org_import' then (select i.file_name from org_import i where i.id::text = e.entity_id)
  end,
  e.before::jsonb ->> 'name', e.after::jsonb ->> 'name',
  e.before::jsonb ->> 'displayName', e.after::jsonb ->> 'displayName',
  e.before::jsonb ->> 'username', e.after::jsonb ->> 'username',
  e.after::jsonb ->> 'fileName')`;

/** Names of whatever an id in a snapshot may point at. */
const REFS_SQL = `with ids as (select distinct v::uuid as id from jsonb_array_elements_text(?::jsonb) v)
  select o.id::text, o.name as label from organisation o join ids on ids.id = o.id
  union all select c.id::text, c.name from cycle c join ids on ids.id = c.id
  union all select s.id::text, s.name || ' v' || s.version from scheme s join ids on ids.id = s.id
  union all select u.id::text, u.display_name from app_user u join ids on ids.id = u.id`;

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
  constructor(private readonly em: EntityManager) {}

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
              ${LABEL_SQL} as entity_label, e.before, e.after, e.ip
         from audit_entry e ${whereSql}
        order by e.id desc limit ? offset ?`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    const ids = [...new Set(rows.flatMap((r) => [...referencedIds(r.before), ...referencedIds(r.after)]))];
    const labels = new Map(
      ids.length
        ? (await conn.execute<{ id: string; label: string }[]>(REFS_SQL, [JSON.stringify(ids)])).map((r) => [
            r.id,
            r.label,
          ])
        : [],
    );
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
        entityLabel: r.entity_label,
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
