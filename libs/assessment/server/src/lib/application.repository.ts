import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { DUE_RULES, type AwardedLevel, type DueRule, type Level } from '@hutong/assessment-model';
import { pathIds, shanghaiDate } from '@hutong/platform-model';
import { containsPattern } from '@hutong/platform-server';
import { OrganisationService, type Organisation } from '@hutong/organisations-server';
import { Application, ApplicationVersion, Evidence, Objection, StageEvent } from './entities/assessment.entities';
import type { BoardQueryDto } from './assessment.dto';

export const APPLICATION_POPULATE = ['cycle', 'cycle.jurisdiction', 'organisation', 'scheme'] as const;

export const BOARD_DEFAULT_PAGE_SIZE = 50;

/** SQL for one due rule, over `a` (application) and `c` (cycle); a yyyy-MM-dd text or null. */
function dueSql(rule: DueRule): string {
  if (rule.from === 'return_deadline') return 'a.return_deadline';
  const field = rule.from === 'window_end' ? 'end' : 'start';
  // keys and fields come from DUE_RULES (code, not input): safe to inline
  return `(select w->>'${field}' from jsonb_array_elements(c.windows) w where w->>'key' = '${rule.window}' limit 1)`;
}

/** The due date of an application's current step, in SQL, built from the same DUE_RULES as `dueDateOf`. */
export const DUE_DATE_SQL = `(case a.state ${Object.entries(DUE_RULES)
  .map(([state, rule]) => `when '${state}' then ${dueSql(rule)}`)
  .join(' ')} else null end)`;

const BOARD_SORT: Record<NonNullable<BoardQueryDto['sort']>, string> = {
  code: 'b.code',
  name: 'b.name',
  state: 'b.state',
  dueDate: 'b.due_date',
  updatedAt: 'b.updated_at',
};

/** The assessment's queries: every list is bounded, the board is paginated and filters lateness in SQL. */
@Injectable()
export class ApplicationRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly orgs: OrganisationService,
  ) {}

  /** One page of a cycle's board inside the caller's scope, ordered as asked; `late` by the due-date rule. */
  async board(
    scopePath: string,
    cycleId: string,
    q: BoardQueryDto,
    now: Date,
  ): Promise<{ items: Application[]; total: number; page: number; pageSize: number }> {
    const where = ['a.cycle_id = ?', 'o.path like ?'];
    const params: unknown[] = [cycleId, `${scopePath}%`];
    if (q.state) {
      where.push('a.state = ?');
      params.push(q.state);
    }
    if (q.kind) {
      where.push('o.kind = ?');
      params.push(q.kind);
    }
    if (q.targetLevel) {
      where.push('a.target_level = ?');
      params.push(q.targetLevel);
    }
    if (q.regionId) {
      where.push("o.path like (select r.path from organisation r where r.id = ?) || '%'");
      params.push(q.regionId);
    }
    if (q.q) {
      where.push("(o.name ilike ? escape '\\' or o.code ilike ? escape '\\')");
      const like = containsPattern(q.q);
      params.push(like, like);
    }
    // past due = today in Shanghai is after the due date (isPastDue's rule, on yyyy-MM-dd text)
    const lateFilter = q.late ? 'where b.due_date is not null and b.due_date < ?' : '';
    if (q.late) params.push(shanghaiDate(now));
    const base = `with b as (
        select a.id, o.code, o.name, a.state, a.updated_at, ${DUE_DATE_SQL} as due_date
          from application a join organisation o on o.id = a.organisation_id join cycle c on c.id = a.cycle_id
         where ${where.join(' and ')})
      select b.id from b ${lateFilter}`;
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? BOARD_DEFAULT_PAGE_SIZE;
    const column = BOARD_SORT[q.sort ?? 'code'];
    const dir = q.dir === 'desc' ? 'desc' : 'asc';
    const conn = this.em.getConnection();
    const [countRow] = await conn.execute<{ n: string }[]>(`select count(*) as n from (${base}) x`, params);
    const ids = await conn.execute<{ id: string }[]>(
      `${base} order by ${column} ${dir} nulls last, b.code asc, b.id asc limit ? offset ?`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    const items = await this.byIds(ids.map((r) => r.id));
    return { items, total: Number(countRow?.n ?? 0), page, pageSize };
  }

  /** Applications under publicity, objection or published in cycles covering the caller or inside its scope. */
  async publicity(scopePath: string): Promise<Application[]> {
    const rows = await this.em.getConnection().execute<{ id: string }[]>(
      `select a.id from application a join cycle c on c.id = a.cycle_id join organisation j on j.id = c.jurisdiction_id
        where a.state in ('publicity', 'objection', 'published') and (j.path like ? or ? like j.path || '%')
        order by a.publicity_ends_at desc nulls last limit 500`,
      [`${scopePath}%`, scopePath],
    );
    return this.byIds(rows.map((r) => r.id));
  }

  /** The newest 200 applications of organisations inside the caller's scope. */
  async mine(scopePath: string): Promise<Application[]> {
    const rows = await this.em
      .getConnection()
      .execute<
        { id: string }[]
      >(`select a.id from application a join organisation o on o.id = a.organisation_id where o.path like ? order by a.created_at desc limit 200`, [`${scopePath}%`]);
    return this.byIds(rows.map((r) => r.id));
  }

  /** Populated applications in the order of `ids`. */
  async byIds(ids: string[], em: EntityManager = this.em): Promise<Application[]> {
    if (!ids.length) return [];
    const apps = await em.find(Application, { id: { $in: ids } }, { populate: APPLICATION_POPULATE });
    const at = new Map(ids.map((id, i) => [id, i]));
    return apps.sort((x, y) => (at.get(x.id) ?? 0) - (at.get(y.id) ?? 0));
  }

  load(em: EntityManager, id: string, lock = false): Promise<Application | null> {
    return em.findOne(
      Application,
      { id },
      { populate: APPLICATION_POPULATE, ...(lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) },
    );
  }

  liveEvidence(em: EntityManager, applicationId: string): Promise<Evidence[]> {
    return em.find(
      Evidence,
      { application: applicationId, removedAt: null },
      { populate: ['uploadedBy'], orderBy: { uploadedAt: 'asc' } },
    );
  }

  evidence(applicationId: string, evidenceId: string, em: EntityManager = this.em): Promise<Evidence | null> {
    return em.findOne(Evidence, { id: evidenceId, application: applicationId });
  }

  liveEvidenceById(em: EntityManager, applicationId: string, evidenceId: string): Promise<Evidence | null> {
    return em.findOne(Evidence, { id: evidenceId, application: applicationId, removedAt: null });
  }

  history(em: EntityManager, applicationId: string): Promise<StageEvent[]> {
    return em.find(StageEvent, { application: applicationId }, { orderBy: { at: 'asc' } });
  }

  objections(em: EntityManager, applicationId: string): Promise<Objection[]> {
    return em.find(
      Objection,
      { application: applicationId },
      { populate: ['filedByOrg'], orderBy: { filedAt: 'asc' } },
    );
  }

  openObjectionCount(em: EntityManager, applicationId: string): Promise<number> {
    return em.count(Objection, { application: applicationId, resolvedAt: null });
  }

  openObjection(em: EntityManager, applicationId: string, objectionId: string): Promise<Objection | null> {
    return em.findOne(Objection, { id: objectionId, application: applicationId, resolvedAt: null });
  }

  /** The objections an organisation filed on the given applications, oldest first. */
  objectionsFiledBy(orgId: string, applicationIds: string[]): Promise<Objection[]> {
    if (!applicationIds.length) return Promise.resolve([]);
    return this.em.find(
      Objection,
      { application: { $in: applicationIds }, filedByOrg: orgId },
      { orderBy: { filedAt: 'asc' } },
    );
  }

  versions(applicationId: string): Promise<ApplicationVersion[]> {
    return this.em.find(ApplicationVersion, { application: applicationId }, { orderBy: { version: 'asc' } });
  }

  version(applicationId: string, version: number): Promise<ApplicationVersion | null> {
    return this.em.findOne(ApplicationVersion, { application: applicationId, version });
  }

  /** The levels the organisation was awarded in published results, with the year of their cycle. */
  async awardedLevels(organisationId: string): Promise<AwardedLevel[]> {
    const rows = await this.em.getConnection().execute<{ year: number; level: Level }[]>(
      `select c.year, a.achieved_level as level
         from application a join cycle c on c.id = a.cycle_id
        where a.organisation_id = ? and a.state = 'published' and a.achieved_level is not null`,
      [organisationId],
    );
    return rows.map((r) => ({ year: Number(r.year), level: r.level }));
  }

  findExisting(cycleId: string, organisationId: string): Promise<Application | null> {
    return this.em.findOne(Application, { cycle: cycleId, organisation: organisationId });
  }

  /** Names of every organisation on the given organisations' paths (for region paths), from their capability. */
  regionNames(orgs: Organisation[]): Promise<Map<string, string>> {
    return this.orgs.namesOf([...new Set(orgs.flatMap((o) => pathIds(o.path)))]);
  }
}
