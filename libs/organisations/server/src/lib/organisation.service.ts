import { Injectable } from '@nestjs/common';
import {
  EntityManager,
  ForeignKeyConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/postgresql';
import ExcelJS from 'exceljs';
import type { OrgView } from '@hutong/organisations-model';
import type { OrgLevel, Paged } from '@hutong/platform-model';
import {
  IMPORT_COLUMNS,
  IMPORT_HEADER_ZH,
  allowedParentLevels,
  kindAllowedForLevel,
  regionCodeRule,
  type ImportField,
} from '@hutong/organisations-model';
import { GRADE_LABELS_ZH, KIND_LABELS_ZH, ORG_LEVEL_LABELS_ZH, childPath, isWithin } from '@hutong/platform-model';
import { Organisation } from './entities/organisation.entity';
import { newId } from '@hutong/platform-database';
import { AuditService, ReferenceChecks, referenceConflict } from '@hutong/platform-server';
import { actorOf, type Principal } from '@hutong/platform-server';
import { badRequest, conflict, forbidden, fromDomain, notFound } from '@hutong/platform-server';
import type { CreateOrgDto, UpdateOrgDto } from './organisation.dto';
import {
  OrganisationRepository,
  type ListFilter,
  type OrgMatch,
  type OrgMatchRow,
  type OrgNode,
} from './organisation.repository';
import { safeRow } from '@hutong/platform-server';

function snapshot(o: Organisation) {
  return {
    code: o.code,
    name: o.name,
    level: o.level,
    kind: o.kind,
    grade: o.grade,
    regionCode: o.regionCode,
    parentId: o.parent?.id ?? null,
  };
}

@Injectable()
export class OrganisationService {
  constructor(
    private readonly repo: OrganisationRepository,
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly references: ReferenceChecks,
  ) {}

  /** Materialised path of an organisation (null when none has that id): what other capabilities use for jurisdiction checks. */
  pathOf(id: string): Promise<string | null> {
    return this.repo.pathOf(id);
  }

  /** Names of organisations by id (ids it does not know are left out). */
  namesOf(ids: string[]): Promise<Map<string, string>> {
    return ids.length ? this.repo.namesOf(ids) : Promise.resolve(new Map());
  }

  /** Levels (province, city, county, institution) of organisations by id — e.g. to find the city an organisation lies in. */
  levelsOf(ids: string[]): Promise<Map<string, OrgLevel>> {
    return ids.length ? this.repo.levelsOf(ids) : Promise.resolve(new Map());
  }

  /** Materialised paths by id (all organisations when ids is null): what the dashboards' counters group by. */
  pathsOf(ids: string[] | null): Promise<Map<string, string>> {
    return ids && !ids.length ? Promise.resolve(new Map()) : this.repo.pathsOf(ids);
  }

  /** The direct children of an organisation (id, name, path, level), in code order. */
  childrenOf(id: string): Promise<OrgNode[]> {
    return this.repo.childrenOf(id);
  }

  /**
   * Organisations matching a filter inside a jurisdiction (`under` a path), by code — how the tasks capability
   * resolves a recipient filter or a name search without the organisation table.
   */
  matching(m: OrgMatch): Promise<OrgMatchRow[]> {
    return this.repo.matching(m);
  }

  roots(user: Principal): Promise<OrgView[]> {
    return this.repo.roots(user.scopePath);
  }

  list(user: Principal, filter: ListFilter): Promise<Paged<OrgView>> {
    return this.repo.list(user.scopePath, filter);
  }

  async get(id: string): Promise<OrgView> {
    const view = await this.repo.findView(id);
    if (!view) throw notFound('organisation');
    return view;
  }

  async create(user: Principal, dto: CreateOrgDto): Promise<OrgView> {
    const grade = dto.grade ?? null;
    if (!kindAllowedForLevel(dto.level, dto.kind))
      throw badRequest('organisation.kind_not_for_level', { level: dto.level, kind: dto.kind });
    if (grade && dto.kind !== 'hospital') throw badRequest('organisation.grade_only_hospital');
    let parent: Organisation | null = null;
    if (dto.level === 'province') {
      if (dto.parentId) throw badRequest('organisation.province_no_parent');
      if (user.role !== 'admin') throw forbidden('organisation.province_create_admin_only');
    } else {
      if (!dto.parentId) throw badRequest('organisation.parent_required');
      parent = await this.repo.findEntity(dto.parentId);
      if (!parent) throw notFound('parent_organisation');
      if (!allowedParentLevels(dto.level).includes(parent.level))
        throw badRequest('organisation.level_under_parent', { level: dto.level, parent: parent.level });
    }
    const problem = regionCodeRule(dto.level, dto.regionCode, parent);
    if (problem) throw fromDomain(problem);

    const id = newId();
    try {
      await this.em.transactional(async (tx) => {
        const org = tx.create(Organisation, {
          id,
          code: dto.code,
          name: dto.name.trim(),
          level: dto.level,
          kind: dto.kind,
          grade,
          regionCode: dto.regionCode,
          parent: parent ? tx.getReference(Organisation, parent.id) : null,
          path: childPath(parent?.path ?? null, id),
        });
        tx.persist(org);
        this.audit.record(tx, actorOf(user), {
          action: 'organisation.create',
          entityType: 'organisation',
          entityId: id,
          after: snapshot(org),
        });
      });
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException)
        throw conflict('organisation.code_taken', { code: dto.code });
      throw e;
    }
    return this.get(id);
  }

  async update(user: Principal, id: string, dto: UpdateOrgDto): Promise<OrgView> {
    try {
      await this.em.transactional(async (tx) => {
        const org = await tx.findOne(Organisation, { id }, { populate: ['parent'] });
        if (!org) throw notFound('organisation');
        const before = snapshot(org);
        const kind = dto.kind ?? org.kind;
        const grade = dto.grade === undefined ? (kind === 'hospital' ? org.grade : null) : dto.grade;
        if (!kindAllowedForLevel(org.level, kind))
          throw badRequest('organisation.kind_not_for_level', { level: org.level, kind });
        if (grade && kind !== 'hospital') throw badRequest('organisation.grade_only_hospital');
        const regionCode = dto.regionCode ?? org.regionCode;
        const problem = regionCodeRule(org.level, regionCode, org.parent);
        if (problem) throw fromDomain(problem);
        if (org.level === 'province' && user.role !== 'admin') throw forbidden('organisation.province_edit_admin_only');
        Object.assign(org, { code: dto.code ?? org.code, name: dto.name?.trim() ?? org.name, kind, grade, regionCode });
        this.audit.record(tx, actorOf(user), {
          action: 'organisation.update',
          entityType: 'organisation',
          entityId: id,
          before,
          after: snapshot(org),
        });
      });
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException)
        throw conflict('organisation.code_taken', { code: dto.code ?? '' });
      throw e;
    }
    return this.get(id);
  }

  async remove(user: Principal, id: string): Promise<void> {
    const inUse = () => conflict('organisation.in_use');
    try {
      await this.em.transactional(async (tx) => {
        const org = await tx.findOne(Organisation, { id }, { populate: ['parent'] });
        if (!org) throw notFound('organisation');
        if (!isWithin(org.path, user.scopePath)) throw forbidden('access.out_of_jurisdiction');
        if (await tx.count(Organisation, { parent: id })) throw conflict('organisation.has_children');
        // users, applications, cycles, objections …: each capability answers for its own rows
        const referenced = await this.references.firstReference('organisation', id, tx);
        if (referenced) throw referenceConflict(referenced);
        this.audit.record(tx, actorOf(user), {
          action: 'organisation.delete',
          entityType: 'organisation',
          entityId: id,
          before: snapshot(org),
        });
        tx.remove(org);
      });
    } catch (e) {
      // something that started to reference the organisation after the checks: the delete rolled back
      if (e instanceof ForeignKeyConstraintViolationException) throw inUse();
      throw e;
    }
  }

  /**
   * The filtered list as an XLSX workbook (up to 100,000 rows), with exactly the import's columns
   * and headers (IMPORT_COLUMNS), so an edited export imports back; unchanged rows change nothing.
   */
  async exportXlsx(user: Principal, filter: ListFilter): Promise<Buffer> {
    const { items } = await this.repo.list(user.scopePath, { ...filter, page: 1 }, 100_000);
    const parentCodes = await this.repo.codesByIds([
      ...new Set(items.map((o) => o.parentId).filter((id): id is string => id !== null)),
    ]);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Hutong';
    const ws = wb.addWorksheet('机构');
    const widths: Record<ImportField, number> = {
      code: 22,
      name: 36,
      level: 8,
      kind: 14,
      parentCode: 22,
      regionCode: 14,
      grade: 10,
    };
    ws.columns = IMPORT_COLUMNS.map((key) => ({ header: IMPORT_HEADER_ZH[key], key, width: widths[key] }));
    ws.getRow(1).font = { bold: true };
    for (const o of items) {
      const row: Record<ImportField, string> = {
        code: o.code,
        name: o.name,
        level: ORG_LEVEL_LABELS_ZH[o.level],
        kind: KIND_LABELS_ZH[o.kind],
        parentCode: o.parentId ? (parentCodes.get(o.parentId) ?? '') : '',
        regionCode: o.regionCode,
        grade: o.grade ? GRADE_LABELS_ZH[o.grade] : '',
      };
      ws.addRow(safeRow(row));
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
