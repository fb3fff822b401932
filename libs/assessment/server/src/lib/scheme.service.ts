import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { SchemeSummary, SchemeView } from '@hutong/assessment-model';
import ExcelJS from 'exceljs';
import {
  ASSESSMENT_LEVEL_LABELS_ZH,
  LEVELS,
  leaves,
  levelTotals,
  officialFromScheme,
  schemeFromOfficial,
  schemeProblems,
  type OfficialSchemeFile,
} from '@hutong/assessment-model';
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

  /** The scheme in the published format of the official schemes (JSON): what `import` takes back. */
  async exportJson(id: string): Promise<{ file: OfficialSchemeFile; name: string }> {
    const s = await this.em.findOne(Scheme, { id });
    if (!s) throw notFound('scheme');
    return { file: officialFromScheme(s), name: `${s.key}-v${s.version}.json` };
  }

  /** The scheme as a workbook: the indicators (one row each) and 表8-2 (parts × levels, with the 等级分 row). */
  async exportXlsx(id: string): Promise<{ buf: Buffer; name: string }> {
    const s = await this.em.findOne(Scheme, { id });
    if (!s) throw notFound('scheme');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('指标');
    ws.columns = [
      { header: '编号', key: 'code', width: 16 },
      { header: '部分', key: 'part', width: 8 },
      { header: '评审指标', key: 'title', width: 48 },
      { header: '分值', key: 'points', width: 8 },
      { header: '等级要求', key: 'level', width: 10 },
      { header: '评分方式', key: 'scoring', width: 10 },
      { header: '选测', key: 'optional', width: 6 },
      { header: '评分说明', key: 'rule', width: 60 },
    ];
    for (const c of s.tree)
      for (const p of c.children)
        for (const l of leaves([p]))
          ws.addRow({
            code: l.code,
            part: p.code,
            title: l.title,
            points: l.points,
            level: l.minLevel ? ASSESSMENT_LEVEL_LABELS_ZH[l.minLevel] : '无',
            scoring: l.scoring ?? 'scale',
            optional: l.optional ? '是' : '',
            rule: l.rule ?? '',
          });
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    const t = wb.addWorksheet('表8-2 等级分要求');
    t.addRow(['部分', '分值', ...LEVELS.map((l) => ASSESSMENT_LEVEL_LABELS_ZH[l])]).font = { bold: true };
    for (const c of s.tree)
      for (const p of c.children.filter((x) => x.children.length)) {
        const mins = LEVELS.map((l) => s.levelRules.find((r) => r.level === l)?.minimums[p.code] ?? '—');
        t.addRow([`${p.code} ${p.title}`, p.points, ...mins]);
      }
    const totals = levelTotals(s.levelRules);
    t.addRow(['等级分', s.tree.reduce((a, c) => a + c.points, 0), ...LEVELS.map((l) => totals[l])]).font = {
      bold: true,
    };
    t.getColumn(1).width = 36;
    return { buf: Buffer.from(await wb.xlsx.writeBuffer()), name: `${s.key}-v${s.version}.xlsx` };
  }

  /**
   * Imports a scheme in the published format (JSON): a new key becomes version 1, a known key its next version
   * (nothing in use changes). Refused whole, with the reason, when the file is not a scheme or breaks the rules.
   */
  async import(user: Principal, buf: Buffer): Promise<SchemeView> {
    let file: OfficialSchemeFile;
    try {
      file = JSON.parse(buf.toString('utf8')) as OfficialSchemeFile;
    } catch {
      throw badRequest('scheme.import_invalid', { reason: '不是有效的 JSON 文件' });
    }
    let converted: ReturnType<typeof schemeFromOfficial>;
    try {
      converted = schemeFromOfficial(file);
    } catch (e) {
      throw badRequest('scheme.import_invalid', { reason: (e as Error).message.slice(0, 200) });
    }
    if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(converted.key))
      throw badRequest('scheme.import_invalid', { reason: `方案编码“${String(converted.key).slice(0, 64)}”无效` });
    const problems = schemeProblems(converted.tree, converted.levelRules);
    if (problems.length)
      throw badRequest(
        'scheme.invalid',
        { n: problems.length, summary: problems.slice(0, 5).join('；') },
        { problems },
      );
    return this.em.transactional(async (tx) => {
      const latest = await tx.findOne(Scheme, { key: converted.key }, { orderBy: { version: 'desc' } });
      const s = tx.create(Scheme, {
        key: converted.key,
        version: (latest?.version ?? 0) + 1,
        kind: converted.kind,
        name: converted.name.slice(0, 200),
        tree: converted.tree,
        levelRules: converted.levelRules,
        allowLowerLevel: latest?.allowLowerLevel ?? true,
      });
      tx.persist(s);
      this.audit.record(tx, actorOf(user), {
        action: 'scheme.import',
        entityType: 'scheme',
        entityId: s.id,
        before: latest ? { key: latest.key, version: latest.version } : null,
        after: { key: s.key, version: s.version, name: s.name, indicators: leaves(s.tree).length },
      });
      return this.view(s, false);
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
