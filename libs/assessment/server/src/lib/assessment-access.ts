import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { OrganisationService } from '@hutong/organisations-server';

/** Which organisation an application or a cycle belongs to, for the access guard (through the organisations service). */
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
}
