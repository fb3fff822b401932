import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ApplicationState } from '@hutong/assessment-model';

/** Applications counted by organisation, cycle and state (one row per combination that exists). */
export interface ApplicationStageCount {
  organisationId: string;
  cycleId: string;
  state: ApplicationState;
  n: number;
}

/**
 * What the dashboards' counters read of the assessment: counts, never rows. Exported by the api's and the
 * worker's assessment modules, so the rollups recompute without touching the assessment's tables.
 */
@Injectable()
export class ApplicationStats {
  constructor(private readonly em: EntityManager) {}

  /** Counts for these organisations (all organisations when null), in the caller's transaction when given. */
  async stageCounts(organisationIds: string[] | null, em: EntityManager = this.em): Promise<ApplicationStageCount[]> {
    if (organisationIds && !organisationIds.length) return [];
    const rows = await em.execute<{ organisation_id: string; cycle_id: string; state: ApplicationState; n: string }[]>(
      `select organisation_id, cycle_id, state, count(*) as n from application
        ${organisationIds ? 'where organisation_id = any(array(select jsonb_array_elements_text(?::jsonb))::uuid[])' : ''}
        group by organisation_id, cycle_id, state`,
      organisationIds ? [JSON.stringify(organisationIds)] : [],
    );
    return rows.map((r) => ({
      organisationId: r.organisation_id,
      cycleId: r.cycle_id,
      state: r.state,
      n: Number(r.n),
    }));
  }
}
