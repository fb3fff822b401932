import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { RecipientFilter } from '@hutong/tasks-model';
import { isWithin } from '@hutong/platform-model';
import { OrganisationService } from '@hutong/organisations-server';
import { forbidden, notFound } from '@hutong/platform-server';
import { RecipientList } from './entities/task.entities';

export interface Recipient {
  id: string;
  code: string;
  name: string;
  path: string;
}

/** The most organisations one batch goes to. */
export const BATCH_MAX_RECIPIENTS = 20_000;

/**
 * A recipient filter resolved to organisations inside a jurisdiction, through the organisations service (the
 * tasks never read the organisation table). Regions themselves are recipients only when `kinds` names them.
 */
@Injectable()
export class RecipientResolver {
  constructor(
    private readonly em: EntityManager,
    private readonly orgs: OrganisationService,
  ) {}

  async resolve(scopePath: string, filter: RecipientFilter, limit?: number): Promise<Recipient[]> {
    if (filter.regionId) {
      const path = await this.orgs.pathOf(filter.regionId);
      if (path === null) throw notFound('organisation');
      if (!isWithin(path, scopePath)) throw forbidden('task.out_of_jurisdiction');
    }
    let ids = filter.organisationIds;
    if (filter.listId) {
      const list = await this.em.fork().findOne(RecipientList, { id: filter.listId });
      if (!list) throw notFound('recipient_list');
      ids = ids ? ids.filter((id) => list.organisationIds.includes(id)) : list.organisationIds;
    }
    return this.orgs.matching({
      under: scopePath,
      within: filter.regionId,
      kinds: filter.kinds?.length ? filter.kinds : undefined,
      excludeKinds: filter.kinds?.length ? undefined : ['region'],
      grades: filter.grades?.length ? filter.grades : undefined,
      ids,
      limit,
    });
  }
}
