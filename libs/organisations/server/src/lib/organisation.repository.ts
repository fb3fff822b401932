import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { OrgListQuery, OrgView } from '@hutong/organisations-model';
import type { OrgLevel, Paged } from '@hutong/platform-model';
import { pathIds } from '@hutong/platform-model';
import { Organisation } from './entities/organisation.entity';
import { OrgImport } from './entities/org-import.entity';
import { containsPattern } from '@hutong/platform-server';

interface OrgRow {
  id: string;
  code: string;
  name: string;
  level: OrgView['level'];
  kind: OrgView['kind'];
  grade: OrgView['grade'];
  region_code: string;
  parent_id: string | null;
  path: string;
  child_count: string | number;
  created_at: Date;
  updated_at: Date;
}

const SORT_COLUMNS: Record<NonNullable<OrgListQuery['sort']>, string> = {
  code: 'o.code',
  name: 'o.name',
  level: "array_position(array['province','city','county','institution']::text[], o.level::text)",
  updatedAt: 'o.updated_at',
};

const SELECT = `select o.id, o.code, o.name, o.level, o.kind, o.grade, o.region_code, o.parent_id, o.path,
  (select count(*) from organisation c where c.parent_id = o.id) as child_count, o.created_at, o.updated_at
  from organisation o`;

/** An organisation as the hierarchy places it: what the dashboards' region breakdowns need. */
export interface OrgNode {
  id: string;
  name: string;
  path: string;
  level: OrgLevel;
}

export interface ListFilter extends OrgListQuery {
  /** with parentId: the whole subtree below the parent instead of its children */
  descendants?: boolean;
}

/** What `matching` selects by: every given criterion must hold. */
export interface OrgMatch {
  /** a materialised path: the caller's jurisdiction */
  under: string;
  /** an organisation id: its subtree (itself included) */
  within?: string;
  kinds?: string[];
  excludeKinds?: string[];
  grades?: string[];
  ids?: string[];
  /** exactly these codes */
  codes?: string[];
  /** organisations of these levels */
  levels?: string[];
  /** name or code contains */
  q?: string;
  limit?: number;
}

export interface OrgMatchRow {
  id: string;
  code: string;
  name: string;
  path: string;
  level: string;
  kind: string;
}

/** The only place that queries organisations. Every query is bounded by the caller's scope path. */
@Injectable()
export class OrganisationRepository {
  constructor(private readonly em: EntityManager) {}

  async findView(id: string): Promise<OrgView | null> {
    const rows = await this.em.getConnection().execute<OrgRow[]>(`${SELECT} where o.id = ?`, [id]);
    return rows[0] ? toView(rows[0]) : null;
  }

  /** The materialised path of an organisation, of an application's organisation or of a cycle's jurisdiction. */
  /** Materialised path of an organisation, or null when there is none with that id. */
  /** Names of organisations (the audit viewer's labels). */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.em.find(Organisation, { id: { $in: ids } }, { fields: ['id', 'name'] });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async levelsOf(ids: string[]): Promise<Map<string, OrgLevel>> {
    const rows = await this.em.find(Organisation, { id: { $in: ids } }, { fields: ['id', 'level'] });
    return new Map(rows.map((r) => [r.id, r.level]));
  }

  /** File names of organisation imports (the audit viewer's labels). */
  async importNamesOf(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.em.find(OrgImport, { id: { $in: ids } }, { fields: ['id', 'fileName'] });
    return new Map(rows.map((r) => [r.id, r.fileName]));
  }

  async pathOf(id: string): Promise<string | null> {
    const rows = await this.em
      .getConnection()
      .execute<{ path: string }[]>('select o.path from organisation o where o.id = ?', [id]);
    return rows[0]?.path ?? null;
  }

  /** Materialised paths of organisations by id (all organisations when ids is null). */
  async pathsOf(ids: string[] | null): Promise<Map<string, string>> {
    const rows = await this.em
      .getConnection()
      .execute<
        { id: string; path: string }[]
      >(`select o.id, o.path from organisation o ${ids ? 'where o.id = any(array(select jsonb_array_elements_text(?::jsonb))::uuid[])' : ''}`, ids ? [JSON.stringify(ids)] : []);
    return new Map(rows.map((r) => [r.id, r.path]));
  }

  /** The direct children of an organisation, in code order. */
  async childrenOf(id: string): Promise<OrgNode[]> {
    return this.em
      .getConnection()
      .execute<
        OrgNode[]
      >('select o.id, o.name, o.path, o.level from organisation o where o.parent_id = ? order by o.code', [id]);
  }

  findEntity(id: string): Promise<Organisation | null> {
    return this.em.findOne(Organisation, { id });
  }

  /** Top of what the scope can see: the roots for '/', else the scope's own root node. */
  async roots(scopePath: string): Promise<OrgView[]> {
    const rows =
      scopePath === '/'
        ? await this.em.getConnection().execute<OrgRow[]>(`${SELECT} where o.parent_id is null order by o.code`)
        : await this.em.getConnection().execute<OrgRow[]>(`${SELECT} where o.path = ?`, [scopePath]);
    return rows.map(toView);
  }

  async list(scopePath: string, f: ListFilter, limit?: number): Promise<Paged<OrgView>> {
    const where: string[] = ['o.path like ?'];
    const params: unknown[] = [`${scopePath}%`];
    if (f.parentId) {
      if (f.descendants) {
        where.push("o.path like (select p.path from organisation p where p.id = ?) || '%' and o.id <> ?");
        params.push(f.parentId, f.parentId);
      } else {
        where.push('o.parent_id = ?');
        params.push(f.parentId);
      }
    }
    if (f.q) {
      where.push("(o.name ilike ? escape '\\' or o.code ilike ? escape '\\')");
      const like = containsPattern(f.q);
      params.push(like, like);
    }
    if (f.level) {
      where.push('o.level = ?');
      params.push(f.level);
    }
    if (f.kind) {
      where.push('o.kind = ?');
      params.push(f.kind);
    }
    if (f.grade) {
      where.push('o.grade = ?');
      params.push(f.grade);
    }
    const page = f.page ?? 1;
    const pageSize = limit ?? f.pageSize ?? 20;
    const sort = SORT_COLUMNS[f.sort ?? 'code'];
    const order = f.order === 'desc' ? 'desc' : 'asc';
    const conn = this.em.getConnection();
    const whereSql = where.join(' and ');
    const [{ total }] = await conn.execute<{ total: string }[]>(
      `select count(*) as total from organisation o where ${whereSql}`,
      params,
    );
    const rows = await conn.execute<OrgRow[]>(
      `${SELECT} where ${whereSql} order by ${sort} ${order}, o.code asc limit ? offset ?`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toView), total: Number(total), page, pageSize };
  }

  /**
   * Organisations matching every given criterion, inside `under` (a path; the subtree's root included), by code:
   * id, code, name and path — for other capabilities' recipient filters and name searches (tasks).
   */
  async matching(m: OrgMatch): Promise<OrgMatchRow[]> {
    const where: string[] = ['o.path like ?'];
    const params: unknown[] = [`${m.under}%`];
    if (m.within) {
      where.push("o.path like (select p.path from organisation p where p.id = ?) || '%'");
      params.push(m.within);
    }
    if (m.kinds?.length) {
      where.push('o.kind in (select jsonb_array_elements_text(?::jsonb))');
      params.push(JSON.stringify(m.kinds));
    }
    if (m.excludeKinds?.length) {
      where.push('o.kind not in (select jsonb_array_elements_text(?::jsonb))');
      params.push(JSON.stringify(m.excludeKinds));
    }
    if (m.grades?.length) {
      where.push('o.grade in (select jsonb_array_elements_text(?::jsonb))');
      params.push(JSON.stringify(m.grades));
    }
    if (m.ids) {
      where.push('o.id in (select jsonb_array_elements_text(?::jsonb)::uuid)');
      params.push(JSON.stringify(m.ids));
    }
    if (m.codes) {
      where.push('o.code in (select jsonb_array_elements_text(?::jsonb))');
      params.push(JSON.stringify(m.codes));
    }
    if (m.levels?.length) {
      where.push('o.level in (select jsonb_array_elements_text(?::jsonb))');
      params.push(JSON.stringify(m.levels));
    }
    if (m.q) {
      where.push("(o.name ilike ? escape '\\' or o.code ilike ? escape '\\')");
      const like = containsPattern(m.q);
      params.push(like, like);
    }
    return this.em
      .getConnection()
      .execute(
        `select o.id, o.code, o.name, o.path, o.level, o.kind from organisation o where ${where.join(' and ')} order by o.code${m.limit ? ' limit ?' : ''}`,
        m.limit ? [...params, m.limit] : params,
      );
  }

  async hasChildren(id: string): Promise<boolean> {
    return (await this.em.count(Organisation, { parent: id })) > 0;
  }

  /** Codes by id (e.g. of parents, for the export). */
  async codesByIds(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.em
      .getConnection()
      .execute<
        { id: string; code: string }[]
      >('select o.id, o.code from organisation o where o.id in (select jsonb_array_elements_text(?::jsonb)::uuid)', [JSON.stringify(ids)]);
    return new Map(rows.map((r) => [r.id, r.code]));
  }

  /** Existing nodes by code, with their parent's code — for import validation. */
  async findByCodes(
    codes: string[],
  ): Promise<
    { code: string; level: OrgView['level']; region_code: string; path: string; parent_code: string | null }[]
  > {
    if (codes.length === 0) return [];
    return this.em.getConnection().execute(
      `select o.code, o.level, o.region_code, o.path, p.code as parent_code
         from organisation o left join organisation p on p.id = o.parent_id
        where o.code in (select jsonb_array_elements_text(?::jsonb))`,
      [JSON.stringify(codes)],
    );
  }
}

export function toView(r: OrgRow): OrgView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level,
    kind: r.kind,
    grade: r.grade,
    regionCode: r.region_code,
    parentId: r.parent_id,
    ancestorIds: pathIds(r.path),
    childCount: Number(r.child_count),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
