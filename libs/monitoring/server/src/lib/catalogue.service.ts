import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  catalogueProblems,
  example51Catalogue,
  tshiaCatalogue,
  type CatalogueSummary,
  type RequirementView,
  type TableCatalogue,
  type TableDef,
} from '@hutong/monitoring-model';
import { AuditService, actorOf, coded, notFound, type Actor, type Principal } from '@hutong/platform-server';
import { OrganisationService } from '@hutong/organisations-server';
import { MonCatalogue, MonRequirement } from './entities/monitoring.entities';
import { TableDictionary, ensureTableCodes } from './table-dictionary';

export function catalogueSummary(c: MonCatalogue): CatalogueSummary {
  return {
    id: c.id,
    key: c.key,
    version: c.version,
    name: c.name,
    note: c.note,
    tables: c.tables,
    createdAt: c.createdAt.toISOString(),
  };
}

/**
 * Table catalogues (versioned: saving one writes its next version) and which one a region requires: the
 * requirement of the nearest region at or above a scope, in its latest version.
 */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly em: EntityManager,
    private readonly dict: TableDictionary,
    private readonly orgs: OrganisationService,
    private readonly audit: AuditService,
  ) {}

  /** The latest version of every catalogue. */
  async list(): Promise<CatalogueSummary[]> {
    const all = await this.em.find(MonCatalogue, {}, { orderBy: { key: 'asc', version: 'desc' } });
    const latest = new Map<string, MonCatalogue>();
    for (const c of all) if (!latest.has(c.key)) latest.set(c.key, c);
    return [...latest.values()].map(catalogueSummary);
  }

  async versions(key: string): Promise<CatalogueSummary[]> {
    const all = await this.em.find(MonCatalogue, { key }, { orderBy: { version: 'desc' } });
    if (!all.length) throw coded('monitoring.catalogue_not_found');
    return all.map(catalogueSummary);
  }

  async latest(key: string, em: EntityManager = this.em): Promise<MonCatalogue | null> {
    return em.findOne(MonCatalogue, { key }, { orderBy: { version: 'desc' } });
  }

  /** Writes the next version of a catalogue (its first when the key is new). */
  async save(user: Principal, c: TableCatalogue): Promise<CatalogueSummary> {
    return this.em.transactional((tx) => this.write(tx, actorOf(user), c, user.id));
  }

  async write(tx: EntityManager, actor: Actor, c: TableCatalogue, userId: string | null): Promise<CatalogueSummary> {
    const out = await writeCatalogueVersion(tx, this.audit, actor, c, userId);
    this.dict.forget();
    return out;
  }

  /** The requirement that applies at an organisation: set on it or the nearest region above it. */
  async requirementAt(orgId: string, em: EntityManager = this.em): Promise<RequirementView> {
    const path = await this.orgs.pathOf(orgId);
    if (!path) throw notFound('organisation');
    const ids = path.split('/').filter(Boolean);
    const rows = await em.find(MonRequirement, { organisationId: { $in: ids } });
    const nearest = rows.sort((a, b) => ids.indexOf(b.organisationId) - ids.indexOf(a.organisationId))[0];
    if (!nearest) throw coded('monitoring.no_catalogue');
    const catalogue = await this.latest(nearest.catalogueKey, em);
    if (!catalogue) throw coded('monitoring.catalogue_not_found');
    const names = await this.orgs.namesOf([nearest.organisationId]);
    return {
      catalogue: catalogueSummary(catalogue),
      setOn: { id: nearest.organisationId, name: names.get(nearest.organisationId) ?? '' },
    };
  }

  async setRequirement(user: Principal, orgId: string, key: string): Promise<RequirementView> {
    await this.em.transactional(async (tx) => {
      if (!(await this.latest(key, tx))) throw coded('monitoring.catalogue_not_found');
      const levels = await this.orgs.levelsOf([orgId]);
      if (!levels.get(orgId) || levels.get(orgId) === 'institution') throw coded('monitoring.scope_not_region');
      const prev = await tx.findOne(MonRequirement, { organisationId: orgId });
      if (prev) {
        prev.catalogueKey = key;
        prev.setById = user.id;
        prev.setAt = new Date();
      } else tx.persist(tx.create(MonRequirement, { organisationId: orgId, catalogueKey: key, setById: user.id }));
      this.audit.record(tx, actorOf(user), {
        action: 'monitoring.requirement.set',
        entityType: 'organisation',
        entityId: orgId,
        ...(prev ? { before: { catalogueKey: prev.catalogueKey } } : {}),
        after: { catalogueKey: key },
      });
    });
    return this.requirementAt(orgId);
  }

  /** The published T/SHIA list and the example 51 (first versions), when they are not there yet. */
  async ensureDefaults(tx: EntityManager, actor: Actor): Promise<number> {
    const n = await seedDefaultCatalogues(tx, this.audit, actor);
    this.dict.forget();
    return n;
  }
}

/** Writes the next version of a catalogue (its first when the key is new), its codes given dictionary ids. */
export async function writeCatalogueVersion(
  tx: EntityManager,
  audit: AuditService,
  actor: Actor,
  c: TableCatalogue,
  userId: string | null,
): Promise<CatalogueSummary> {
  const tables: TableDef[] = c.tables.map((t) => ({
    code: t.code.trim(),
    name: t.name.trim(),
    domain: t.domain.trim(),
    ...(t.counts ? { counts: t.counts } : {}),
  }));
  const problems = catalogueProblems({ tables });
  if (problems.length)
    throw coded('monitoring.catalogue_invalid', { problems: problems.join('; ') }, { problems }, 422);
  await ensureTableCodes(
    tx,
    tables.map((t) => t.code),
  );
  const prev = await tx.findOne(MonCatalogue, { key: c.key }, { orderBy: { version: 'desc' } });
  const row = tx.create(MonCatalogue, {
    key: c.key,
    version: (prev?.version ?? 0) + 1,
    name: c.name.trim(),
    note: c.note.trim(),
    tables,
    createdById: userId,
  });
  tx.persist(row);
  audit.record(tx, actor, {
    action: prev ? 'monitoring.catalogue.revised' : 'monitoring.catalogue.created',
    entityType: 'mon_catalogue',
    entityId: row.id,
    ...(prev ? { before: { version: prev.version, tables: prev.tables.length } } : {}),
    after: { key: row.key, version: row.version, name: row.name, tables: tables.length },
  });
  await tx.flush();
  return catalogueSummary(row);
}

/** The published T/SHIA list and the example 51 (first versions) when they are not there yet: how many were written. */
export async function seedDefaultCatalogues(tx: EntityManager, audit: AuditService, actor: Actor): Promise<number> {
  let n = 0;
  for (const c of [tshiaCatalogue(), example51Catalogue()])
    if (!(await tx.findOne(MonCatalogue, { key: c.key }))) {
      await writeCatalogueVersion(tx, audit, actor, c, null);
      n++;
    }
  return n;
}
