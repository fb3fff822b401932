import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { SchemeSummary, SchemeView } from '@hutong/assessment-model';
import { defaultSchemes, schemeProblems } from '@hutong/assessment-model';
import { Application, Scheme } from './entities/assessment.entities';
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

/** The editable default schemes, version 1, when missing. */
export async function seedDefaultSchemes(em: EntityManager, audit: AuditService, actor: Actor): Promise<number> {
  let created = 0;
  for (const d of defaultSchemes()) {
    if (await em.findOne(Scheme, { key: d.key })) continue;
    const s = em.create(Scheme, {
      key: d.key,
      version: 1,
      kind: d.kind,
      name: d.name,
      tree: d.tree,
      levelRules: d.levelRules,
    });
    em.persist(s);
    audit.record(em, actor, {
      action: 'scheme.create',
      entityType: 'scheme',
      entityId: s.id,
      after: { key: d.key, version: 1 },
    });
    created++;
  }
  return created;
}
