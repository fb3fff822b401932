import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { SchemeSummary, SchemeView } from '@hutong/assessment-model';
import { leaves, schemeProblems } from '@hutong/assessment-model';
import { defaultSchemes } from '@hutong/assessment-model/official';
import { Application, Cycle, Scheme } from './entities/assessment.entities';
import { AuditService } from '@hutong/platform-server';
import { actorOf, type Actor, type Principal } from '@hutong/platform-server';
import { badRequest, notFound } from '@hutong/platform-server';
import type { UpdateSchemeDto } from './assessment.dto';

@Injectable()
export class SchemeService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<SchemeSummary[]> {
    const rows = await this.em.getConnection().execute<
      {
        id: string;
        key: string;
        version: number;
        kind: SchemeSummary['kind'];
        name: string;
        allow_lower_level: boolean;
        created_at: Date;
        in_use: boolean;
        latest: boolean;
      }[]
    >(
      `select s.id, s.key, s.version, s.kind, s.name, s.allow_lower_level, s.created_at,
              exists (select 1 from application a where a.scheme_id = s.id) as in_use,
              s.version = (select max(v.version) from scheme v where v.key = s.key) as latest
         from scheme s order by s.key, s.version desc`,
    );
    return rows.map((r) => ({
      id: r.id,
      key: r.key,
      version: r.version,
      kind: r.kind,
      name: r.name,
      allowLowerLevel: r.allow_lower_level,
      inUse: r.in_use,
      latest: r.latest,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  async get(id: string): Promise<SchemeView> {
    const s = await this.em.findOne(Scheme, { id });
    if (!s) throw notFound('scheme');
    return this.view(s, (await this.em.count(Application, { scheme: id })) > 0);
  }

  /** Edits in place while no application uses the scheme; otherwise writes a new version. */
  async update(user: Principal, id: string, dto: UpdateSchemeDto): Promise<SchemeView> {
    const problems = schemeProblems(dto.tree, dto.levelRules);
    if (problems.length)
      throw badRequest(
        'scheme.invalid',
        { n: problems.length, summary: problems.slice(0, 5).join('；') },
        { problems },
      );
    return this.em.transactional(async (tx) => {
      const s = await tx.findOne(Scheme, { id });
      if (!s) throw notFound('scheme');
      const inUse = (await tx.count(Application, { scheme: id })) > 0;
      const before = { version: s.version, name: s.name, allowLowerLevel: s.allowLowerLevel };
      const allowLowerLevel = dto.allowLowerLevel ?? s.allowLowerLevel;
      let target = s;
      if (inUse) {
        const [{ max }] = await tx
          .getConnection()
          .execute<
            { max: number }[]
          >('select max(version) as max from scheme where key = ?', [s.key], 'all', tx.getTransactionContext());
        target = tx.create(Scheme, {
          key: s.key,
          version: Number(max) + 1,
          kind: s.kind,
          name: dto.name ?? s.name,
          tree: dto.tree,
          levelRules: dto.levelRules,
          allowLowerLevel,
        });
        tx.persist(target);
      } else {
        Object.assign(s, { name: dto.name ?? s.name, tree: dto.tree, levelRules: dto.levelRules, allowLowerLevel });
      }
      this.audit.record(tx, actorOf(user), {
        action: inUse ? 'scheme.new_version' : 'scheme.update',
        entityType: 'scheme',
        entityId: target.id,
        before,
        after: { key: target.key, version: target.version, name: target.name, allowLowerLevel },
      });
      return this.view(target, false);
    });
  }

  private view(s: Scheme, inUse: boolean): SchemeView {
    return {
      id: s.id,
      key: s.key,
      version: s.version,
      kind: s.kind,
      name: s.name,
      tree: s.tree,
      levelRules: s.levelRules,
      allowLowerLevel: s.allowLowerLevel,
      inUse,
      createdAt: s.createdAt.toISOString(),
    };
  }
}

/**
 * The official 2020 schemes (editable data): version 1 when the key is new; when the key's latest version still
 * has the invented tree of earlier releases (no leaf with a 2020 scoring kind), the official scheme becomes its
 * next version and open cycles offer it instead — applications already made keep the version they were made
 * under. Idempotent; returns the number of versions written. Run by the seed and by `cli.js schemes:official`.
 */
export async function seedDefaultSchemes(em: EntityManager, audit: AuditService, actor: Actor): Promise<number> {
  let created = 0;
  for (const d of defaultSchemes()) {
    const versions = await em.find(Scheme, { key: d.key }, { orderBy: { version: 'desc' } });
    const latest = versions[0];
    if (latest && leaves(latest.tree).some((l) => l.scoring !== undefined)) continue;
    const s = em.create(Scheme, {
      key: d.key,
      version: (latest?.version ?? 0) + 1,
      kind: d.kind,
      name: d.name,
      tree: d.tree,
      levelRules: d.levelRules,
      allowLowerLevel: latest?.allowLowerLevel ?? true,
    });
    em.persist(s);
    audit.record(em, actor, {
      action: latest ? 'scheme.new_version' : 'scheme.create',
      entityType: 'scheme',
      entityId: s.id,
      before: latest ? { key: d.key, version: latest.version } : null,
      after: { key: d.key, version: s.version, source: 'official-2020' },
    });
    if (latest) {
      const old = new Set(versions.map((v) => v.id));
      for (const c of await em.find(Cycle, { status: 'open' })) {
        if (!c.schemeIds.some((id) => old.has(id))) continue;
        const before = c.schemeIds;
        c.schemeIds = [...new Set(c.schemeIds.map((id) => (old.has(id) ? s.id : id)))];
        audit.record(em, actor, {
          action: 'cycle.update',
          entityType: 'cycle',
          entityId: c.id,
          before: { schemeIds: before },
          after: { schemeIds: c.schemeIds },
        });
      }
    }
    created++;
  }
  return created;
}
