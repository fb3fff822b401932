import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { STAGE_WINDOWS, type ApplicationState, type CycleView } from '@hutong/assessment-model';
import { isValidDate } from '@hutong/platform-model';
import { Cycle, Scheme } from './entities/assessment.entities';
import { Organisation } from '@hutong/organisations-server';
import { AuditService } from '@hutong/platform-server';
import { actorOf, type Principal } from '@hutong/platform-server';
import { badRequest, notFound } from '@hutong/platform-server';
import type { CreateCycleDto } from './assessment.dto';

@Injectable()
export class CycleService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /** Cycles that cover the caller or lie inside its jurisdiction, with counts of the applications it may see. */
  async list(user: Principal): Promise<CycleView[]> {
    const ids = await this.em.getConnection().execute<{ id: string }[]>(
      `select c.id from cycle c join organisation j on j.id = c.jurisdiction_id
        where j.path like ? or ? like j.path || '%'`,
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

  async get(user: Principal, id: string): Promise<CycleView> {
    const c = await this.em.findOne(Cycle, { id }, { populate: ['jurisdiction'] });
    if (!c) throw notFound('测评批次');
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
    const keys = dto.windows.map((w) => w.key);
    if (keys.length !== STAGE_WINDOWS.length || STAGE_WINDOWS.some((k) => !keys.includes(k)))
      throw badRequest('必须设置四个阶段的时间窗口：自评估申报、文件审查、现场查验、结果公示');
    for (const w of dto.windows) {
      if (!isValidDate(w.start) || !isValidDate(w.end)) throw badRequest(`时间窗口 ${w.key} 的日期无效`);
      if (w.start > w.end) throw badRequest(`时间窗口 ${w.key} 的开始日期晚于结束日期`);
    }
    const ordered = STAGE_WINDOWS.map((k) => dto.windows.find((w) => w.key === k)).filter((w) => w !== undefined);
    for (let i = 1; i < ordered.length; i++)
      if (ordered[i].start < ordered[i - 1].start)
        throw badRequest('各阶段时间窗口应按 自评估 → 文件审查 → 现场查验 → 结果 的顺序');
    const schemes = await this.em.find(Scheme, { id: { $in: dto.schemeIds } });
    if (schemes.length !== new Set(dto.schemeIds).size) throw notFound('指标体系');
    const id = await this.em.transactional(async (tx) => {
      const c = tx.create(Cycle, {
        name: dto.name.trim(),
        year: dto.year,
        batch: dto.batch,
        jurisdiction: tx.getReference(Organisation, dto.jurisdictionId),
        schemeIds: [...new Set(dto.schemeIds)],
        eligibleKinds: [...new Set(dto.eligibleKinds)],
        windows: ordered.map((w) => ({ key: w.key, start: w.start, end: w.end })),
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
  }
}
