import type { EntityManager } from '@mikro-orm/postgresql';
import { Organisation } from '@hutong/organisations-server';
import { MonConnection, MonRequirement, seedDefaultCatalogues } from '@hutong/monitoring-server';
import type { Actor, AuditService } from '@hutong/platform-server';

/**
 * The monitoring's demo settings: the published T/SHIA list and the example 51-table requirement (labelled as an
 * example), the province requiring the T/SHIA list and 信阳市 the example 51, and a connection status for each of
 * 信阳's institutions (one not connected, one connected to the provincial platform) — the statistics come in
 * through the api or a file import (docs/monitoring.md).
 */
export async function seedDemoMonitoring(tx: EntityManager, audit: AuditService, actor: Actor): Promise<string> {
  const catalogues = await seedDefaultCatalogues(tx, audit, actor);
  const province = await tx.findOneOrFail(Organisation, { code: '410000' });
  const xinyang = await tx.findOneOrFail(Organisation, { code: '411500' });
  for (const [org, key] of [
    [province, 'tshia-6.2-2020'],
    [xinyang, 'example-51'],
  ] as const)
    if (!(await tx.findOne(MonRequirement, { organisationId: org.id })))
      tx.persist(tx.create(MonRequirement, { organisationId: org.id, catalogueKey: key }));
  const institutions = await tx.find(
    Organisation,
    { path: { $like: `${xinyang.path}%` }, kind: { $in: ['hospital', 'regional_platform'] } },
    { orderBy: { code: 'asc' } },
  );
  let statuses = 0;
  for (const [i, o] of institutions.entries()) {
    if (await tx.findOne(MonConnection, { organisationId: o.id })) continue;
    const last = i === institutions.length - 1;
    tx.persist(
      tx.create(MonConnection, {
        organisationId: o.id,
        status: last ? 'not_connected' : i === 1 ? 'other_platform' : 'connected',
        note: last ? '前置机部署中，接口未联调' : i === 1 ? '已接入河南省全民健康信息平台' : '',
        since: '2026-01-01',
        recordedBy: actor.name,
      }),
    );
    statuses++;
  }
  return `monitoring: ${catalogues} table catalogues created, requirements set (河南省 T/SHIA 59, 信阳市 example 51), ${statuses} connection statuses`;
}
