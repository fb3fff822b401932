import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { STAGE_WINDOWS, type ApplicationState, type CycleView, type StageWindow } from '@hutong/assessment-model';
import { cycleStatusAfter, stageWindowRules, type CycleAction } from '@hutong/assessment-model';
import { Cycle, Scheme } from './entities/assessment.entities';
import { Organisation } from '@hutong/organisations-server';
import { AuditService } from '@hutong/platform-server';
import { actorOf, type Principal } from '@hutong/platform-server';
import { badRequest, coded, conflict, notFound } from '@hutong/platform-server';
import type { CreateCycleDto, UpdateCycleDto } from './assessment.dto';

const duplicate = (year: number, batch: number) => conflict('cycle.duplicate', { year, batch });

/** The windows in stage order, validated by the one rule (400 with every problem). */
function checkedWindows(windows: StageWindow[]): StageWindow[] {
  // the first problem is the message; every problem is a detail (each rendered in the caller's language)
  const [first, ...more] = stageWindowRules(windows);
  if (first)
    throw coded(
      first.code,
      first.params,
      [first, ...more].map((p) => ({ field: 'windows', code: p.code, params: p.params })),
      400,
    );
  return STAGE_WINDOWS.map((k) => windows.find((w) => w.key === k) as StageWindow).map((w) => ({
    key: w.key,
    start: w.start,
    end: w.end,
  }));
}

@Injectable()
export class CycleService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /** Cycles that cover the caller or lie inside its jurisdiction, with counts of the applications it may see;
   * archived ones only when asked for. */
  async list(user: Principal, includeArchived = false): Promise<CycleView[]> {
    const ids = await this.em.getConnection().execute<{ id: string }[]>(
      `select c.id from cycle c join organisation j on j.id = c.jurisdiction_id
        where (j.path like ? or ? like j.path || '%')${includeArchived ? '' : " and c.status <> 'archived'"}`,
      [`${user.scopePath}%`, user.scopePath],
    );
    const cycles = await this.em.find(
      Cycle,
      { id: { $in: ids.map((r) => r.id) } },
      { populate: ['jurisdiction'], orderBy: { year: 'desc', batch: 'desc', createdAt: 'desc' } },
    );
    const counts = await this.counts(
      user,
      cycles.map((c) => c.id),
    );
    return cycles.map((c) => this.view(c, counts.get(c.id) ?? {}));
  }

  /**
   * The Asia/Shanghai date a stage window of a cycle ends (null: no such cycle or window) — what other
   * capabilities read (the tasks capability dues its "submit the self-assessment" task by the application window).
   */
  async windowEnd(cycleId: string, key: StageWindow['key']): Promise<string | null> {
    const c = await this.em.fork().findOne(Cycle, { id: cycleId }, { fields: ['id', 'windows'] });
    return c?.windows.find((w) => w.key === key)?.end ?? null;
  }

  async get(user: Principal, id: string): Promise<CycleView> {
    const c = await this.em.findOne(Cycle, { id }, { populate: ['jurisdiction'] });
    if (!c) throw notFound('cycle');
    return this.view(c, (await this.counts(user, [id])).get(id) ?? {});
  }

  /** Applications by state per cycle, counting only those in the caller's scope — one query for all cycles. */
  private async counts(user: Principal, cycleIds: string[]): Promise<Map<string, CycleView['counts']>> {
    const out = new Map<string, CycleView['counts']>();
    if (!cycleIds.length) return out;
    const rows = await this.em.getConnection().execute<{ cycle_id: string; state: ApplicationState; n: string }[]>(
      `select a.cycle_id, a.state, count(*) as n from application a join organisation o on o.id = a.organisation_id
        where a.cycle_id in (select jsonb_array_elements_text(?::jsonb)::uuid) and o.path like ?
        group by a.cycle_id, a.state`,
      [JSON.stringify(cycleIds), `${user.scopePath}%`],
    );
    for (const r of rows) out.set(r.cycle_id, { ...out.get(r.cycle_id), [r.state]: Number(r.n) });
    return out;
  }

  private view(c: Cycle, counts: CycleView['counts']): CycleView {
    return {
      id: c.id,
      status: c.status,
      name: c.name,
      year: c.year,
      batch: c.batch,
      jurisdiction: { id: c.jurisdiction.id, code: c.jurisdiction.code, name: c.jurisdiction.name },
      schemeIds: c.schemeIds,
      eligibleKinds: c.eligibleKinds,
      windows: c.windows,
      publicityDays: c.publicityDays,
      createdAt: c.createdAt.toISOString(),
      counts,
    };
  }

  async create(user: Principal, dto: CreateCycleDto): Promise<CycleView> {
    const windows = checkedWindows(dto.windows);
    const schemes = await this.em.find(Scheme, { id: { $in: dto.schemeIds } });
    if (schemes.length !== new Set(dto.schemeIds).size) throw notFound('scheme');
    if (await this.em.count(Cycle, { jurisdiction: dto.jurisdictionId, year: dto.year, batch: dto.batch }))
      throw duplicate(dto.year, dto.batch);
    try {
      const id = await this.em.transactional(async (tx) => {
        const c = tx.create(Cycle, {
          name: dto.name.trim(),
          year: dto.year,
          batch: dto.batch,
          jurisdiction: tx.getReference(Organisation, dto.jurisdictionId),
          schemeIds: [...new Set(dto.schemeIds)],
          eligibleKinds: [...new Set(dto.eligibleKinds)],
          windows,
          publicityDays: dto.publicityDays ?? 7,
        });
        tx.persist(c);
        this.audit.record(tx, actorOf(user), {
          action: 'cycle.create',
          entityType: 'cycle',
          entityId: c.id,
          after: { ...dto },
        });
        return c.id;
      });
      return this.get(user, id);
    } catch (e) {
      // two creations racing past the check: the unique constraint decides
      if (e instanceof UniqueConstraintViolationException) throw duplicate(dto.year, dto.batch);
      throw e;
    }
  }

  /** Edits the name, windows (the order rule) and publicity days of a cycle that is not archived. */
  async update(user: Principal, id: string, dto: UpdateCycleDto): Promise<CycleView> {
    const windows = dto.windows ? checkedWindows(dto.windows) : undefined;
    await this.em.transactional(async (tx) => {
      const c = await tx.findOne(Cycle, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!c) throw notFound('cycle');
      if (c.status === 'archived') throw conflict('cycle.archived_readonly');
      const before = { name: c.name, windows: c.windows, publicityDays: c.publicityDays };
      if (dto.name !== undefined) {
        if (!dto.name.trim()) throw badRequest('cycle.name_blank');
        c.name = dto.name.trim();
      }
      if (windows) c.windows = windows;
      if (dto.publicityDays !== undefined) c.publicityDays = dto.publicityDays;
      const after = { name: c.name, windows: c.windows, publicityDays: c.publicityDays };
      if (JSON.stringify(before) === JSON.stringify(after)) return;
      this.audit.record(tx, actorOf(user), {
        action: 'cycle.update',
        entityType: 'cycle',
        entityId: id,
        before,
        after,
      });
    });
    return this.get(user, id);
  }

  /** close: no new applications (those under way go on); archive: a closed cycle leaves the default lists. */
  async changeStatus(user: Principal, id: string, action: CycleAction): Promise<CycleView> {
    await this.em.transactional(async (tx) => {
      const c = await tx.findOne(Cycle, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!c) throw notFound('cycle');
      const next = cycleStatusAfter(c.status, action);
      if (!next.ok) throw conflict(next.code);
      const before = { status: c.status };
      c.status = next.to;
      this.audit.record(tx, actorOf(user), {
        action: `cycle.${action}`,
        entityType: 'cycle',
        entityId: id,
        before,
        after: { status: c.status },
      });
    });
    return this.get(user, id);
  }
}
