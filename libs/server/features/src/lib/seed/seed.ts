import type { EntityManager } from '@mikro-orm/postgresql';
import { DEMO_PASSWORD, demoProvinceRows, demoUsers } from '@hutong/shared-domain';
import { Organisation, User } from '@hutong/server-persistence';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/auth.service';
import type { Actor } from '../common/principal';
import { OrgImportWriter } from '../imports/org-import.writer';

const SEED_ACTOR: Actor = { id: null, name: 'system:seed', ip: null, userAgent: null };

/**
 * The demo province and one user per role. Idempotent: organisations are upserted by code,
 * users created only when missing (an existing user's password is never reset).
 */
export async function seedDemo(em: EntityManager): Promise<string> {
  const rows = demoProvinceRows();
  const audit = new AuditService();
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
    const lines = [
      `demo province: ${rows.length} organisations (${created} created, ${updated} updated), ${users} users created`,
      'demo logins (password for all: ' + DEMO_PASSWORD + '):',
      ...demoUsers().map((d) => `  ${d.role.padEnd(12)} ${d.username.padEnd(12)} ${d.displayName}`),
    ];
    return lines.join('\n');
  });
}
