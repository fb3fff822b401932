import fc from 'fast-check';
import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '@hutong/platform-database';
import { startTestApp, type TestApp } from '@hutong/platform-server/testing';
import type { Principal } from '@hutong/platform-server';
import { IDENTITY_ENTITIES, IdentityModule, type User } from '@hutong/identity-server';
import { UserFactory } from '@hutong/identity-server/testing';
import { ORGANISATION_ENTITIES, OrganisationsModule, type Organisation } from '@hutong/organisations-server';
import { OrgFactory, type Province } from '@hutong/organisations-server/testing';
import { ASSESSMENT_ENTITIES, AssessmentModule } from '@hutong/assessment-server';
import { AssessmentFactory } from '@hutong/assessment-server/testing';
import { TASK_STATUSES, WAITING_STATUSES, type TaskStatus } from '@hutong/tasks-model';
import { TASK_ENTITIES } from '../entities/task.entities';
import { RollupsModule } from './rollups.module';
import { RollupService } from './rollup.service';
import { DashboardService } from './dashboard.service';

/** The element at `i`, which the test knows is there. */
function at<T>(xs: readonly T[], i: number): T {
  const v = xs[i];
  if (v === undefined) throw new Error(`no element ${i}`);
  return v;
}

let t: TestApp;
let p: Province;
let coordinator: User;
let orgs: Organisation[];

const principal = (u: User, scopePath: string): Principal => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  organisationId: null,
  scopePath,
  ip: null,
  userAgent: null,
});

/** A task row as the tasks capability writes it (its own service is tested elsewhere). */
async function insertTask(
  tx: EntityManager,
  org: Organisation,
  status: TaskStatus,
  dueAt: Date,
  createdAt = new Date(Date.now() - 86_400_000),
): Promise<string> {
  const id = newId();
  await tx.execute(
    `insert into task (id, kind, title, instructions, form, assignee_org_id, assignee_path, status, due_at, policy, created_at, updated_at)
     values (?, 'manual', 'test', '', '[]', ?, ?, ?, ?, '{}', ?, now())`,
    [id, org.id, org.path, status, dueAt, createdAt],
  );
  return id;
}

beforeAll(async () => {
  t = await startTestApp({
    imports: [IdentityModule, OrganisationsModule, AssessmentModule, RollupsModule],
    entities: [...ORGANISATION_ENTITIES, ...IDENTITY_ENTITIES, ...ASSESSMENT_ENTITIES, ...TASK_ENTITIES],
  });
  p = await new OrgFactory(t.em).provinceTree();
  coordinator = (await new UserFactory(t.em).create('coordinator', { jurisdiction: p.province })).user;
  orgs = [p.xinyangHospital, p.shiheHospital, p.zhengzhouHospital, p.shihe, p.xinyang];
});

afterAll(() => t?.close());

async function reset(): Promise<void> {
  await t.sql('delete from task_response');
  await t.sql('delete from task');
  await t.sql('delete from rollup_count');
  await t.sql('delete from rollup_dirty');
}

describe('rollups', () => {
  beforeEach(reset);

  it('a change marks its organisation dirty and asks for one debounced, deduplicated flush', async () => {
    const rollups = t.service(RollupService);
    await rollups.touch([p.xinyangHospital.id, p.xinyangHospital.id]);
    expect(await t.sql('select organisation_id from rollup_dirty')).toEqual([
      { organisation_id: p.xinyangHospital.id },
    ]);
    const job = t.queues.rollups.jobs.at(-1);
    expect(job?.data).toEqual({ kind: 'flush' });
    expect(job?.opts?.deduplication).toEqual({ id: 'rollups-flush', keepLastIfActive: true });
    expect(job?.opts?.delay).toBeGreaterThan(0);
  });

  it('a flush recomputes only the dirty organisations, and verify finds and repairs what was missed', async () => {
    const rollups = t.service(RollupService);
    const due = new Date(Date.now() + 3 * 86_400_000);
    await t.em.fork().transactional(async (tx) => {
      await insertTask(tx, p.xinyangHospital, 'open', due);
      await insertTask(tx, p.zhengzhouHospital, 'open', due);
      await rollups.markDirty(tx, [p.xinyangHospital.id]);
    });
    expect(await rollups.flush()).toBe(1);
    const stored = await t.sql<{ organisation_id: string }>(
      "select distinct organisation_id from rollup_count where metric = 'task'",
    );
    // the zhengzhou task was written without marking its organisation: the flush does not know it
    expect(stored).toEqual([{ organisation_id: p.xinyangHospital.id }]);
    const check = await rollups.verify();
    expect(check.mismatches).toBe(2); // task/open and task_waiting_due of zhengzhou
    expect((await rollups.verify()).mismatches).toBe(0);
  });

  it('the counters equal a full recompute after any sequence of changes (property)', async () => {
    const rollups = t.service(RollupService);
    const now = Date.now();
    const op = fc.oneof(
      fc.record({
        op: fc.constant('create' as const),
        org: fc.nat({ max: orgs.length - 1 }),
        status: fc.constantFrom(...TASK_STATUSES),
        dueHours: fc.integer({ min: -240, max: 480 }),
      }),
      fc.record({ op: fc.constant('status' as const), task: fc.nat(), status: fc.constantFrom(...TASK_STATUSES) }),
      fc.record({ op: fc.constant('respond' as const), task: fc.nat() }),
      fc.record({ op: fc.constant('extend' as const), task: fc.nat(), hours: fc.integer({ min: -100, max: 100 }) }),
      fc.record({ op: fc.constant('reassign' as const), task: fc.nat(), org: fc.nat({ max: orgs.length - 1 }) }),
      fc.record({ op: fc.constant('delete' as const), task: fc.nat() }),
      fc.record({ op: fc.constant('flush' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        await reset();
        const tasks: { id: string; org: Organisation }[] = [];
        for (const o of ops) {
          if (o.op === 'flush') {
            await rollups.flush();
            continue;
          }
          await t.em.fork().transactional(async (tx) => {
            const sql = (q: string, params: unknown[]) => tx.execute(q, params);
            if (o.op === 'create') {
              const org = at(orgs, o.org);
              tasks.push({ id: await insertTask(tx, org, o.status, new Date(now + o.dueHours * 3_600_000)), org });
              await rollups.markDirty(tx, [org.id]);
              return;
            }
            if (!tasks.length) return;
            const i = o.task % tasks.length;
            const task = at(tasks, i);
            if (o.op === 'status') await sql('update task set status = ? where id = ?', [o.status, task.id]);
            if (o.op === 'respond')
              await sql("insert into task_response (id, task_id, answers, submitted_at) values (?, ?, '{}', now())", [
                newId(),
                task.id,
              ]);
            if (o.op === 'extend')
              await sql(`update task set due_at = due_at + (? || ' hours')::interval where id = ?`, [o.hours, task.id]);
            const dirty = [task.org.id];
            if (o.op === 'reassign') {
              const to = at(orgs, o.org);
              await sql('update task set assignee_org_id = ?, assignee_path = ? where id = ?', [
                to.id,
                to.path,
                task.id,
              ]);
              task.org = to;
              dirty.push(to.id);
            }
            if (o.op === 'delete') {
              await sql('delete from task where id = ?', [task.id]);
              tasks.splice(i, 1);
            }
            await rollups.markDirty(tx, dirty);
          });
        }
        await rollups.flush();
        const check = await rollups.verify();
        expect(check.mismatches).toBe(0);
        // and the dashboard's overdue figure is the live count
        const live = await t.sql<{ n: string }>(
          'select count(*)::text as n from task where status = any(array(select jsonb_array_elements_text(?::jsonb))) and due_at <= now()',
          [JSON.stringify(WAITING_STATUSES)],
        );
        const view = await t.service(DashboardService).view(principal(coordinator, p.province.path), null);
        expect(view.tasks.overdue).toBe(Number(at(live, 0).n));
      }),
      { numRuns: 40 },
    );
  });
});

describe('the dashboard', () => {
  beforeAll(reset);

  it('reads tasks by status, overdue by region, upcoming due days and cycle progress from the rollups', async () => {
    const rollups = t.service(RollupService);
    const day = 86_400_000;
    const factory = new AssessmentFactory(t.em);
    const scheme = await factory.scheme('hospital', { key: `rollup-${process.pid}` });
    const cycle = await factory.cycle({ jurisdiction: p.province, schemes: [scheme] });
    const applicant = (await new UserFactory(t.em).create('applicant', { organisation: p.shiheHospital })).user;
    await factory.application({
      cycle,
      organisation: p.shiheHospital,
      scheme,
      createdBy: applicant,
      state: 'submitted',
    });
    await factory.application({
      cycle,
      organisation: p.zhengzhouHospital,
      scheme,
      createdBy: applicant,
      state: 'draft',
    });
    await t.em.fork().transactional(async (tx) => {
      await insertTask(tx, p.xinyangHospital, 'open', new Date(Date.now() - 2 * day)); // overdue
      await insertTask(tx, p.shiheHospital, 'returned', new Date(Date.now() - day)); // overdue
      await insertTask(tx, p.shiheHospital, 'submitted', new Date(Date.now() - day)); // done: not overdue
      await insertTask(tx, p.zhengzhouHospital, 'acknowledged', new Date(Date.now() + 2 * day)); // upcoming
      await insertTask(tx, p.zhengzhouHospital, 'accepted', new Date(Date.now() + 2 * day));
      await rollups.markDirty(tx, [p.xinyangHospital.id, p.shiheHospital.id, p.zhengzhouHospital.id]);
    });
    await rollups.flush();

    const view = await t.service(DashboardService).view(principal(coordinator, p.province.path), cycle.id);
    expect(view.tasks.byStatus).toEqual({
      open: 1,
      acknowledged: 1,
      submitted: 1,
      accepted: 1,
      returned: 1,
      cancelled: 0,
    });
    expect(view.tasks.overdue).toBe(2);
    expect(view.todo).toEqual({ responsesToReview: 1, applicationsToAct: 1 });
    expect(view.overdueByRegion).toEqual([
      { id: p.xinyang.id, name: p.xinyang.name, overdue: 2, waiting: 2 },
      { id: p.zhengzhou.id, name: p.zhengzhou.name, overdue: 0, waiting: 1 },
    ]);
    expect(view.upcoming.reduce((s, d) => s + d.n, 0)).toBe(1);
    expect(view.cycle).toEqual({ id: cycle.id, byState: { submitted: 1, draft: 1 } });

    // a city coordinator sees its own subtree only, broken down by its counties
    const city = await t.service(DashboardService).view(principal(coordinator, p.xinyang.path), null);
    expect(city.tasks.overdue).toBe(2);
    // 信阳's children: 浉河区 and the hospital right under the city, one overdue task each
    expect([...city.overdueByRegion].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [
        { id: p.shihe.id, name: p.shihe.name, overdue: 1, waiting: 1 },
        { id: p.xinyangHospital.id, name: p.xinyangHospital.name, overdue: 1, waiting: 1 },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(city.cycle).toBeNull();
  });
});
