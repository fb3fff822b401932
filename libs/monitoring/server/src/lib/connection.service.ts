import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ConnectionStatus, ConnectionView, ReferenceRowInput } from '@hutong/monitoring-model';
import { isValidDate, shanghaiDate } from '@hutong/platform-model';
import { AuditService, coded, notFound, type Actor } from '@hutong/platform-server';
import { OrganisationService } from '@hutong/organisations-server';
import { MonConnection } from './entities/monitoring.entities';
import { MONITORED_KINDS } from './ingestion.service';

export function connectionView(c: MonConnection): ConnectionView {
  return {
    status: c.status,
    note: c.note,
    since: c.since,
    recordedBy: c.recordedBy,
    recordedAt: c.recordedAt.toISOString(),
  };
}

/**
 * An institution's connection status (未联通 / 已联通 / 已联通其他平台, with a note) with its history, and the
 * health-statistics reference volumes (卫统) the upload rates are measured against.
 */
@Injectable()
export class ConnectionService {
  constructor(
    private readonly em: EntityManager,
    private readonly orgs: OrganisationService,
    private readonly audit: AuditService,
  ) {}

  async set(
    actor: Actor,
    orgId: string,
    input: { status: ConnectionStatus; note: string; since?: string },
  ): Promise<ConnectionView> {
    const [org] = await this.orgs.matching({ under: '/', ids: [orgId], kinds: MONITORED_KINDS });
    if (!org) {
      if (!(await this.orgs.pathOf(orgId))) throw notFound('organisation');
      throw coded('monitoring.not_institution');
    }
    const today = shanghaiDate(new Date());
    const since = input.since ?? today;
    if (since > today) throw coded('monitoring.since_future');
    return this.em.transactional(async (tx) => {
      const prev = await tx.findOne(
        MonConnection,
        { organisationId: orgId },
        { orderBy: { since: 'desc', recordedAt: 'desc' } },
      );
      const row = tx.create(MonConnection, {
        organisationId: orgId,
        status: input.status,
        note: input.note.trim(),
        since,
        recordedBy: actor.name,
      });
      tx.persist(row);
      this.audit.record(tx, actor, {
        action: 'monitoring.connection.set',
        entityType: 'organisation',
        entityId: orgId,
        ...(prev ? { before: { status: prev.status, note: prev.note, since: prev.since } } : {}),
        after: { status: row.status, note: row.note, since },
      });
      await tx.flush();
      return connectionView(row);
    });
  }

  async history(orgId: string): Promise<ConnectionView[]> {
    const rows = await this.em.find(
      MonConnection,
      { organisationId: orgId },
      { orderBy: { since: 'desc', recordedAt: 'desc' } },
    );
    return rows.map(connectionView);
  }

  /** The status of each organisation on a date (the latest change on or before it); absent = never recorded. */
  async asOf(orgIds: string[], date: string): Promise<Map<string, { status: ConnectionStatus; note: string }>> {
    if (!orgIds.length) return new Map();
    const rows = await this.em.execute<{ organisation_id: string; status: ConnectionStatus; note: string }[]>(
      `select distinct on (c.organisation_id) c.organisation_id, c.status, c.note
         from mon_connection c
        where c.organisation_id in (select x::uuid from jsonb_array_elements_text(?::jsonb) x) and c.since <= ?
        order by c.organisation_id, c.since desc, c.recorded_at desc`,
      [JSON.stringify(orgIds), date],
    );
    return new Map(rows.map((r) => [r.organisation_id, { status: r.status, note: r.note }]));
  }

  /** Reference volumes whose period lies inside `from…to`, summed per organisation. */
  async references(
    orgIds: string[],
    from: string,
    to: string,
  ): Promise<Map<string, { visits: number | null; discharges: number | null }>> {
    if (!orgIds.length) return new Map();
    const rows = await this.em.execute<{ organisation_id: string; visits: number | null; discharges: number | null }[]>(
      `select r.organisation_id, sum(r.visits)::float8 as visits, sum(r.discharges)::float8 as discharges
         from mon_reference r
        where r.organisation_id in (select x::uuid from jsonb_array_elements_text(?::jsonb) x)
          and r.period_from >= ? and r.period_to <= ?
        group by r.organisation_id`,
      [JSON.stringify(orgIds), from, to],
    );
    return new Map(
      rows.map((r) => [
        r.organisation_id,
        {
          visits: r.visits === null ? null : Number(r.visits),
          discharges: r.discharges === null ? null : Number(r.discharges),
        },
      ]),
    );
  }

  /**
   * Stores reference volumes (replacing a period given again) for institutions inside `under`; every row is
   * checked first and one bad row refuses them all.
   */
  async saveReferences(actor: Actor, under: string, rows: ReferenceRowInput[], source: string): Promise<number> {
    const errors: { line: number; reason: string }[] = [];
    const count = (n: unknown) => n === null || (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0);
    rows.forEach((r, i) => {
      if (!isValidDate(r.from) || !isValidDate(r.to) || r.to < r.from || !count(r.visits) || !count(r.discharges))
        errors.push({ line: i + 1, reason: 'monitoring.reference_invalid' });
    });
    const codes = [...new Set(rows.map((r) => r.org))];
    const found = new Map(
      (await this.orgs.matching({ under, codes, kinds: MONITORED_KINDS })).map((o) => [o.code, o.id]),
    );
    rows.forEach((r, i) => {
      if (!found.has(r.org)) errors.push({ line: i + 1, reason: 'monitoring.ingest_org_unknown' });
    });
    if (errors.length)
      throw coded(
        'monitoring.batch_invalid',
        { n: new Set(errors.map((e) => e.line)).size },
        { errors: errors.slice(0, 1000) },
        422,
      );
    await this.em.transactional(async (tx) => {
      await tx.execute(
        `insert into mon_reference (organisation_id, period_from, period_to, visits, discharges, source, recorded_at)
         select o, f, t, v, d, ?, now() from jsonb_to_recordset(?::jsonb) as x(o uuid, f text, t text, v bigint, d bigint)
         on conflict (organisation_id, period_from, period_to) do update set visits = excluded.visits,
           discharges = excluded.discharges, source = excluded.source, recorded_at = excluded.recorded_at`,
        [
          source.slice(0, 100),
          JSON.stringify(rows.map((r) => ({ o: found.get(r.org), f: r.from, t: r.to, v: r.visits, d: r.discharges }))),
        ],
      );
      this.audit.record(tx, actor, {
        action: 'monitoring.references.saved',
        entityType: 'mon_reference',
        entityId: null,
        after: { rows: rows.length, institutions: found.size, source },
      });
    });
    return rows.length;
  }
}
