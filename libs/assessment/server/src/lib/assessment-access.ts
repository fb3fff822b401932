import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { OrganisationService } from '@hutong/organisations-server';
import type { Reference } from '@hutong/platform-server';
import { Application, Cycle, Objection, Scheme } from './entities/assessment.entities';

/**
 * Which organisation an application or a cycle belongs to, for the access guard (through the
 * organisations service), and whether assessment rows still refer to an organisation.
 */
@Injectable()
export class AssessmentAccess {
  constructor(
    private readonly em: EntityManager,
    private readonly orgs: OrganisationService,
  ) {}

  /** The applicant organisation's path. */
  async applicationPath(id: string): Promise<string | null> {
    const rows = await this.em
      .getConnection()
      .execute<{ org: string }[]>('select a.organisation_id as org from application a where a.id = ?', [id]);
    return rows[0] ? this.orgs.pathOf(rows[0].org) : null;
  }

  /** The cycle's jurisdiction's path. */
  async cyclePath(id: string): Promise<string | null> {
    const rows = await this.em
      .getConnection()
      .execute<{ org: string }[]>('select c.jurisdiction_id as org from cycle c where c.id = ?', [id]);
    return rows[0] ? this.orgs.pathOf(rows[0].org) : null;
  }

  /** Applications by name (the audit viewer): 机构名 · 批次名, the organisation's name from its service. */
  async applicationLabels(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.em.getConnection().execute<{ id: string; org: string; cycle: string }[]>(
      `select a.id, a.organisation_id as org, c.name as cycle from application a join cycle c on c.id = a.cycle_id
          where a.id in (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    const orgs = await this.orgs.namesOf([...new Set(rows.map((r) => r.org))]);
    return new Map(rows.map((r) => [r.id, `${orgs.get(r.org) ?? ''} · ${r.cycle}`]));
  }

  async cycleNames(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.em.find(Cycle, { id: { $in: ids } }, { fields: ['id', 'name'] });
    return new Map(rows.map((c) => [c.id, c.name]));
  }

  async schemeNames(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.em.find(Scheme, { id: { $in: ids } }, { fields: ['id', 'name', 'version'] });
    return new Map(rows.map((s) => [s.id, `${s.name} v${s.version}`]));
  }

  /** Why an organisation cannot be deleted on the assessment's account, or null. */
  async organisationReference(id: string, tx: EntityManager): Promise<Reference | null> {
    return (await tx.count(Application, { organisation: id })) ||
      (await tx.count(Cycle, { jurisdiction: id })) ||
      (await tx.count(Objection, { filedByOrg: id }))
      ? { message: '该机构已有测评申请、测评批次或异议引用，不能删除', code: 'organisation.in_use' }
      : null;
  }
}
