import { Injectable } from '@nestjs/common';
import { addDays, shanghaiDate, startOfShanghaiDay } from '@hutong/platform-model';
import type { Principal } from '@hutong/platform-server';
import { OrganisationService } from '@hutong/organisations-server';
import {
  COORDINATOR_ACTION_STATES,
  NATIONAL_ACTION_STATES,
  TASK_STATUSES,
  type DashboardView,
  type TaskStatus,
} from '@hutong/tasks-model';
import { RollupRepository } from './rollup.repository';

const UPCOMING_DAYS = 14;

/** The coordinator's (and anyone's) dashboard over their jurisdiction, read from the rollups only. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly repo: RollupRepository,
    private readonly orgs: OrganisationService,
  ) {}

  async view(user: Principal, cycleId: string | null, now = new Date()): Promise<DashboardView> {
    const path = user.scopePath;
    const nowIso = now.toISOString();
    const [statuses, response, overdue, roots] = await Promise.all([
      this.repo.sumByBucket('task', '-', path),
      this.repo.sumByBucket('task_response', '-', path),
      this.repo.overdue(path, nowIso),
      this.orgs.roots(user),
    ]);
    const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, statuses.get(s) ?? 0])) as Record<
      TaskStatus,
      number
    >;
    const responses = response.get('count') ?? 0;
    const own = path === '/' ? null : (roots[0] ?? null);

    // the next level down: the roots for an admin, else the jurisdiction's children
    const children: { id: string; name: string }[] =
      path === '/' ? roots.map((r) => ({ id: r.id, name: r.name })) : own ? await this.orgs.childrenOf(own.id) : [];
    const byChild = await this.repo.waitingByChild(path, nowIso);
    const overdueByRegion = children
      .map((c) => ({
        id: c.id,
        name: c.name,
        overdue: byChild.get(c.id)?.overdue ?? 0,
        waiting: byChild.get(c.id)?.waiting ?? 0,
      }))
      .sort((a, b) => b.overdue - a.overdue || b.waiting - a.waiting);

    const today = shanghaiDate(now);
    const due = await this.repo.waitingDueBetween(
      path,
      nowIso,
      startOfShanghaiDay(addDays(today, UPCOMING_DAYS + 1)).toISOString(),
    );
    const perDay = new Map<string, number>();
    for (const d of due) {
      // a due instant at 00:00 closes the day before (due "by the end of" it)
      const day = shanghaiDate(new Date(new Date(d.dueAt).getTime() - 1));
      perDay.set(day, (perDay.get(day) ?? 0) + d.n);
    }

    let cycle: DashboardView['cycle'] = null;
    let applicationsToAct = 0;
    const states = await this.repo.sumByBucket('application', cycleId, path);
    const toAct = user.role === 'national' ? NATIONAL_ACTION_STATES : COORDINATOR_ACTION_STATES;
    for (const s of toAct) applicationsToAct += states.get(s) ?? 0;
    if (cycleId) cycle = { id: cycleId, byState: Object.fromEntries(states) };

    return {
      scope: { id: own?.id ?? null, name: own?.name ?? '', path },
      tasks: {
        byStatus,
        overdue,
        avgResponseHours: responses ? Math.round(((response.get('seconds') ?? 0) / responses / 3600) * 10) / 10 : null,
      },
      todo: { responsesToReview: byStatus.submitted, applicationsToAct },
      overdueByRegion,
      cycle,
      upcoming: [...perDay].map(([date, n]) => ({ date, n })).sort((a, b) => a.date.localeCompare(b.date)),
      pendingRefresh: await this.repo.dirtyCount(),
    };
  }
}
