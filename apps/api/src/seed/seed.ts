import type { EntityManager } from '@mikro-orm/postgresql';
import { DEMO_PASSWORD, demoProvinceRows, demoUsers } from '@hutong/organisations-model';
import { addDays, shanghaiDate } from '@hutong/platform-model';
import { Cycle, Scheme } from '@hutong/assessment-server';
import { Organisation } from '@hutong/organisations-server';
import { User } from '@hutong/identity-server';
import { seedDefaultSchemes } from '@hutong/assessment-server';
import { AuditLabels, AuditService } from '@hutong/platform-server';
import { hashPassword } from '@hutong/identity-server';
import type { Actor } from '@hutong/platform-server';
import { OrgImportWriter } from '@hutong/organisations-server';
import { seedDemoTasks } from './seed-tasks';
import { DEMO_EXPERTS, seedDemoExperts } from './seed-review';
import { seedDemoMonitoring } from './seed-monitoring';

const SEED_ACTOR: Actor = { id: null, name: 'system:seed', ip: null, userAgent: null };

/**
 * The demo province and one user per role. Idempotent: organisations are upserted by code,
 * users created only when missing (an existing user's password is never reset).
 */
export async function seedDemo(em: EntityManager): Promise<string> {
  const rows = demoProvinceRows();
  const audit = new AuditService(em, new AuditLabels());
  return em.transactional(async (tx) => {
    const { created, updated } = await new OrgImportWriter().write(tx, rows, SEED_ACTOR, async () => undefined);
    const hash = await hashPassword(DEMO_PASSWORD);
    let users = 0;
    for (const d of demoUsers()) {
      if (await tx.findOne(User, { username: d.username })) continue;
      const organisation = d.organisationCode
        ? await tx.findOneOrFail(Organisation, { code: d.organisationCode })
        : null;
      const jurisdiction =
        d.jurisdictionCode && d.role !== 'applicant'
          ? await tx.findOneOrFail(Organisation, { code: d.jurisdictionCode })
          : null;
      const u = tx.create(User, {
        username: d.username,
        displayName: d.displayName,
        role: d.role,
        passwordHash: hash,
        organisation,
        jurisdiction,
      });
      tx.persist(u);
      audit.record(tx, SEED_ACTOR, {
        action: 'user.create',
        entityType: 'user',
        entityId: u.id,
        after: { username: u.username, role: u.role },
      });
      users++;
    }
    const schemes = await seedDefaultSchemes(tx, audit, SEED_ACTOR);
    const cycles = await seedDemoCycle(tx, audit);
    await tx.flush();
    const tasks = await seedDemoTasks(tx, audit, SEED_ACTOR);
    const experts = await seedDemoExperts(tx, audit, SEED_ACTOR);
    await tx.flush();
    const monitoring = await seedDemoMonitoring(tx, audit, SEED_ACTOR);
    await tx.flush();
    const lines = [
      `demo province: ${rows.length} organisations (${created} created, ${updated} updated), ${users} users created`,
      `assessment: ${schemes} default schemes created, ${cycles} demo cycle created`,
      `tasks: ${tasks} demo tasks created (the 信阳 not-connected circular and a quarterly check)`,
      monitoring,
      'demo logins (password for all: ' + DEMO_PASSWORD + '):',
      ...demoUsers().map((d) => `  ${d.role.padEnd(12)} ${d.username.padEnd(12)} ${d.displayName}`),
      ...DEMO_EXPERTS.filter((d) => !demoUsers().some((u) => u.username === d.username)).map(
        (d) => `  ${'expert'.padEnd(12)} ${d.username.padEnd(12)} ${d.name}（${d.affiliation}）`,
      ),
      `expert pool: ${experts} demo expert profiles created`,
    ];
    return lines.join('\n');
  });
}

export const DEMO_CYCLE_NAME = '2026年度第一批';

/** An open demo cycle for 信阳市: application window from two weeks ago to six weeks ahead. */
async function seedDemoCycle(em: EntityManager, audit: AuditService): Promise<number> {
  const jurisdiction = await em.findOneOrFail(Organisation, { code: '411500' });
  if (await em.findOne(Cycle, { name: DEMO_CYCLE_NAME, jurisdiction })) return 0;
  const schemes = await em.find(Scheme, { key: { $in: ['hospital-2020', 'region-2020'] }, version: 1 });
  const today = shanghaiDate(new Date());
  const window = (key: 'application' | 'documentReview' | 'onsite' | 'results', from: number, to: number) => ({
    key,
    start: addDays(today, from),
    end: addDays(today, to),
  });
  const cycle = em.create(Cycle, {
    name: DEMO_CYCLE_NAME,
    year: 2026,
    batch: 1,
    jurisdiction,
    schemeIds: schemes.map((s) => s.id),
    eligibleKinds: ['hospital', 'regional_platform'],
    windows: [
      window('application', -14, 45),
      window('documentReview', 46, 75),
      window('onsite', 76, 105),
      window('results', 106, 135),
    ],
    publicityDays: 7,
  });
  em.persist(cycle);
  audit.record(em, SEED_ACTOR, {
    action: 'cycle.create',
    entityType: 'cycle',
    entityId: cycle.id,
    after: { name: DEMO_CYCLE_NAME },
  });
  return 1;
}
