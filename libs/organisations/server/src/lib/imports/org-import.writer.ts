import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrgImportRow } from '@hutong/organisations-model';
import { LEVEL_RANK } from '@hutong/organisations-model';
import { newId } from '@hutong/platform-database';
import type { Actor } from '@hutong/platform-server';

export const WRITE_BATCH = 1000;

/**
 * Upserts validated organisation rows by code, parents first, in SQL batches, with one audit entry
 * per created or changed organisation written by the same statement. Rows that change nothing are
 * left alone, so running an import twice changes nothing the second time. Call inside a transaction.
 */
@Injectable()
export class OrgImportWriter {
  async write(
    tx: EntityManager,
    rows: OrgImportRow[],
    actor: Actor,
    onProgress: (processed: number) => Promise<void>,
  ): Promise<{ created: number; updated: number }> {
    let created = 0;
    let updated = 0;
    let processed = 0;
    // a batch never mixes levels: parents must exist before the statement that inserts children
    const byLevel = [...rows].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);
    let i = 0;
    while (i < byLevel.length) {
      const level = byLevel[i].level;
      const batch: OrgImportRow[] = [];
      while (i < byLevel.length && byLevel[i].level === level && batch.length < WRITE_BATCH) batch.push(byLevel[i++]);
      const input = batch.map((r) => ({
        id: newId(),
        code: r.code,
        name: r.name,
        level: r.level,
        kind: r.kind,
        grade: r.grade,
        region_code: r.regionCode,
        parent_code: r.parentCode,
      }));
      const result = await tx
        .getConnection()
        .execute<
          { created: string; updated: string }[]
        >(UPSERT_SQL, [JSON.stringify(input), actor.id, actor.name, actor.ip, actor.userAgent?.slice(0, 300) ?? null], 'all', tx.getTransactionContext());
      created += Number(result[0]?.created ?? 0);
      updated += Number(result[0]?.updated ?? 0);
      processed += batch.length;
      await onProgress(processed);
    }
    return { created, updated };
  }
}

const UPSERT_SQL = `
with input as (
  select * from jsonb_to_recordset(?::jsonb)
    as r(id uuid, code text, name text, level text, kind text, grade text, region_code text, parent_code text)
),
old as (
  select o.id, o.code, o.name, o.kind, o.grade, o.region_code from organisation o join input i on i.code = o.code
),
upserted as (
  insert into organisation (id, code, name, level, kind, grade, region_code, parent_id, path, created_at, updated_at)
  select i.id, i.code, i.name, i.level, i.kind, i.grade, i.region_code, p.id,
         coalesce(p.path, '/') || i.id::text || '/', now(), now()
    from input i left join organisation p on p.code = i.parent_code
  on conflict (code) do update
     set name = excluded.name, kind = excluded.kind, grade = excluded.grade,
         region_code = excluded.region_code, updated_at = now()
   where (organisation.name, organisation.kind, organisation.grade, organisation.region_code)
         is distinct from (excluded.name, excluded.kind, excluded.grade, excluded.region_code)
  returning organisation.id, organisation.code, organisation.name, organisation.level, organisation.kind,
            organisation.grade, organisation.region_code, (xmax = 0) as inserted
),
audited as (
  insert into audit_entry (at, actor_id, actor_name, action, entity_type, entity_id, before, after, ip, user_agent)
  select now(), ?::uuid, ?, case when u.inserted then 'organisation.import.create' else 'organisation.import.update' end,
         'organisation', u.id::text,
         case when u.inserted then null else jsonb_build_object('name', o.name, 'kind', o.kind, 'grade', o.grade, 'regionCode', o.region_code) end,
         jsonb_build_object('code', u.code, 'name', u.name, 'level', u.level, 'kind', u.kind, 'grade', u.grade, 'regionCode', u.region_code),
         ?, ?
    from upserted u left join old o on o.code = u.code
  returning 1
)
select count(*) filter (where inserted) as created, count(*) filter (where not inserted) as updated,
       (select count(*) from audited) as audited
  from upserted`;
