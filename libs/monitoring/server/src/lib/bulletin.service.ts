import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  bulletinFacts,
  bulletinNarrative,
  narrativeNumberProblems,
  rectifyTargets,
  type BulletinFacts,
  type BulletinSummary,
  type BulletinTableRow,
  type BulletinView,
  type InstitutionRow,
  type RectificationResult,
  type RectifyTarget,
} from '@hutong/monitoring-model';
import { formatZhDate, isValidDate, isWithin, shanghaiDate } from '@hutong/platform-model';
import { AuditService, actorOf, coded, notFound, type Principal } from '@hutong/platform-server';
import { OrganisationService } from '@hutong/organisations-server';
import { TaskService } from '@hutong/tasks-server';
import { MonBulletin } from './entities/monitoring.entities';
import { MetricsService } from './metrics.service';

export interface CreateBulletinInput {
  scope: string;
  from: string;
  to: string;
  asOf?: string;
  title?: string;
  issuer?: string;
  requirement?: { text: string; due: string } | null;
}

export interface UpdateBulletinInput {
  title?: string;
  issuer?: string;
  narrative?: string[];
  requirement?: { text: string; due: string } | null;
}

export interface RectifyInput {
  target: RectifyTarget;
  title: string;
  instructions: string;
  dueDate: string;
}

/** The bulletin's line of an institution: what it says, from the metrics row. */
export function bulletinRowOf(r: InstitutionRow): BulletinTableRow {
  const m = r.metrics;
  return {
    orgId: r.id,
    code: r.code,
    institution: r.name,
    region: r.region,
    connection: r.connection,
    tier: m.tablesRequired > 0 ? m.tier : null,
    tablesUploaded: m.tablesUploaded,
    tablesRequired: m.tablesRequired,
    uploadDays: m.uploadDays,
    interruptionDays: m.interruptionDays,
    volume: m.volume,
    completeness: m.completeness,
    outpatientRate: m.outpatientRate,
    dischargeRate: m.dischargeRate,
    lastUploadDate: m.lastUploadDate,
    anomalies: r.anomalies.map((a) => a.kind),
    note:
      r.connection === 'not_connected' ? r.connectionNote : r.connection === 'other_platform' ? r.connectionNote : '',
  };
}

/** The narrative of a bulletin's facts for its scope, period and requirement. */
function narrativeOf(
  facts: BulletinFacts,
  scope: string,
  period: { from: string; to: string },
  requirement: { text: string; due: string } | null,
): string[] {
  return bulletinNarrative(facts, { scope, period, ...(requirement ? { requirement } : {}) });
}

/** What a freshly generated version holds: the data read as of its date, the table, its facts and its text. */
function generatedFields(
  view: { asOf: string; requirement: { catalogue: { name: string; version: number } } },
  table: BulletinTableRow[],
  facts: BulletinFacts,
  scope: string,
  period: { from: string; to: string },
  requirement: { text: string; due: string } | null,
) {
  const generated = narrativeOf(facts, scope, period, requirement);
  return {
    asOf: view.asOf,
    catalogue: `${view.requirement.catalogue.name}（第${view.requirement.catalogue.version}版）`,
    requirement,
    rows: table,
    facts,
    generated,
    narrative: generated,
  };
}

const summary = (b: MonBulletin): BulletinSummary => {
  const f = b.facts as BulletinFacts;
  return {
    id: b.id,
    seriesId: b.seriesId,
    version: b.version,
    status: b.status,
    title: b.title,
    scopeId: b.scopeId,
    scopeName: b.scopeName,
    period: { from: b.periodFrom, to: b.periodTo },
    asOf: b.asOf,
    institutions: f.institutions,
    connected: f.connected,
    createdAt: b.createdAt.toISOString(),
    createdBy: b.createdByName,
    publishedAt: b.publishedAt?.toISOString() ?? null,
    publishedBy: b.publishedBy,
    tasksOpened: b.rectifiedOrgIds.length,
  };
};

/**
 * Bulletins (通报): generated from the metrics for a scope and period — the attachment table, the facts counted from
 * it and the narrative written from the facts (bulletin.ts of the model), so the text cannot disagree with its
 * table; edited while a draft (wording only: a figure the generated text does not have is refused), published,
 * revised as a new version; one action opens rectification tasks (the tasks capability) for the institutions it
 * names. Every change is audited.
 */
@Injectable()
export class BulletinService {
  constructor(
    private readonly em: EntityManager,
    private readonly metrics: MetricsService,
    private readonly orgs: OrganisationService,
    private readonly tasks: TaskService,
    private readonly audit: AuditService,
  ) {}

  private async generate(user: Principal, scope: string, from: string, to: string, asOf: string | undefined) {
    const { view, rows } = await this.metrics.allRows(user.scopePath, {
      scope,
      from,
      to,
      ...(asOf ? { asOf } : {}),
      sort: 'name',
    });
    const table = rows.map(bulletinRowOf);
    return { view, table, facts: bulletinFacts(table) };
  }

  private checkRequirement(r: { text: string; due: string } | null | undefined) {
    if (!r) return;
    if (!r.text.trim() || r.text.length > 500 || !isValidDate(r.due))
      throw coded('monitoring.bulletin_requirement_invalid');
  }

  async create(user: Principal, input: CreateBulletinInput): Promise<BulletinView> {
    this.checkRequirement(input.requirement);
    const { view, table, facts } = await this.generate(user, input.scope, input.from, input.to, input.asOf);
    const requirement = input.requirement ? { text: input.requirement.text.trim(), due: input.requirement.due } : null;
    const issuer =
      input.issuer?.trim() ||
      (user.organisationId ? (await this.orgs.namesOf([user.organisationId])).get(user.organisationId) : '') ||
      view.scope.name;
    const id = await this.em.transactional(async (tx) => {
      const b = tx.create(MonBulletin, {
        seriesId: '00000000-0000-0000-0000-000000000000',
        scopeId: view.scope.id,
        scopePath: (await this.orgs.pathOf(view.scope.id)) ?? '/',
        scopeName: view.scope.name,
        title:
          input.title?.trim() ||
          `关于${view.scope.name}医疗机构数据上传情况的通报（${formatZhDate(view.period.from)}至${formatZhDate(view.period.to)}）`,
        issuer,
        periodFrom: view.period.from,
        periodTo: view.period.to,
        ...generatedFields(view, table, facts, view.scope.name, view.period, requirement),
        createdById: user.id,
        createdByName: user.displayName || user.username,
      });
      b.seriesId = b.id;
      tx.persist(b);
      this.audit.record(tx, actorOf(user), {
        action: 'monitoring.bulletin.generated',
        entityType: 'mon_bulletin',
        entityId: b.id,
        after: {
          title: b.title,
          scope: b.scopeName,
          from: b.periodFrom,
          to: b.periodTo,
          asOf: b.asOf,
          institutions: facts.institutions,
        },
      });
      return b.id;
    });
    return this.get(user, id);
  }

  private async load(user: Principal, id: string, em: EntityManager = this.em): Promise<MonBulletin> {
    const b = await em.findOne(MonBulletin, { id }, { populate: ['rows'] });
    if (!b || !isWithin(b.scopePath, user.scopePath)) throw notFound('mon_bulletin');
    return b;
  }

  async get(user: Principal, id: string): Promise<BulletinView> {
    return this.view(await this.load(user, id));
  }

  view(b: MonBulletin): BulletinView {
    return {
      ...summary(b),
      issuer: b.issuer,
      catalogue: b.catalogue,
      requirement: b.requirement,
      facts: b.facts as BulletinFacts,
      generated: b.generated,
      narrative: b.narrative,
      rows: b.rows as BulletinTableRow[],
    };
  }

  async list(user: Principal): Promise<BulletinSummary[]> {
    const rows = await this.em.find(
      MonBulletin,
      { scopePath: { $like: `${user.scopePath}%` } },
      { orderBy: { createdAt: 'desc' }, limit: 200 },
    );
    return rows.map(summary);
  }

  async update(user: Principal, id: string, input: UpdateBulletinInput): Promise<BulletinView> {
    this.checkRequirement(input.requirement);
    await this.em.transactional(async (tx) => {
      const b = await this.load(user, id, tx);
      if (b.status !== 'draft') throw coded('monitoring.bulletin_not_draft');
      const before = { title: b.title, issuer: b.issuer, narrative: b.narrative, requirement: b.requirement };
      if (input.requirement !== undefined) {
        b.requirement = input.requirement ? { text: input.requirement.text.trim(), due: input.requirement.due } : null;
        b.generated = narrativeOf(
          b.facts as BulletinFacts,
          b.scopeName,
          { from: b.periodFrom, to: b.periodTo },
          b.requirement,
        );
        // a new requirement rewrites the text unless an edited one comes with it
        if (input.narrative === undefined) b.narrative = b.generated;
      }
      if (input.narrative !== undefined) {
        const narrative = input.narrative.map((p) => p.trim()).filter(Boolean);
        if (!narrative.length || narrative.some((p) => p.length > 4000))
          throw coded('monitoring.bulletin_narrative_invalid');
        const extra = narrativeNumberProblems(b.generated, narrative);
        if (extra.length)
          throw coded('monitoring.bulletin_figures_changed', { figures: extra.join('、') }, { figures: extra });
        b.narrative = narrative;
      }
      if (input.title !== undefined) {
        if (!input.title.trim() || input.title.length > 200) throw coded('monitoring.bulletin_title_invalid');
        b.title = input.title.trim();
      }
      if (input.issuer !== undefined && input.issuer.trim()) b.issuer = input.issuer.trim().slice(0, 200);
      this.audit.record(tx, actorOf(user), {
        action: 'monitoring.bulletin.edited',
        entityType: 'mon_bulletin',
        entityId: b.id,
        before,
        after: { title: b.title, issuer: b.issuer, narrative: b.narrative, requirement: b.requirement },
      });
    });
    return this.get(user, id);
  }

  async publish(user: Principal, id: string): Promise<BulletinView> {
    await this.em.transactional(async (tx) => {
      const b = await this.load(user, id, tx);
      if (b.status !== 'draft') throw coded('monitoring.bulletin_not_draft');
      const earlier = await tx.find(MonBulletin, { seriesId: b.seriesId, status: 'published' });
      for (const e of earlier) e.status = 'superseded';
      b.status = 'published';
      b.publishedAt = new Date();
      b.publishedBy = user.displayName || user.username;
      this.audit.record(tx, actorOf(user), {
        action: 'monitoring.bulletin.published',
        entityType: 'mon_bulletin',
        entityId: b.id,
        after: { title: b.title, version: b.version, supersedes: earlier.map((e) => e.id) },
      });
    });
    return this.get(user, id);
  }

  /** A new draft version of a published bulletin, generated again from today's data (same scope, period, text settings). */
  async revise(user: Principal, id: string, asOf?: string): Promise<BulletinView> {
    const prev = await this.load(user, id);
    if (prev.status === 'draft') throw coded('monitoring.bulletin_is_draft');
    const last = await this.em.findOne(MonBulletin, { seriesId: prev.seriesId }, { orderBy: { version: 'desc' } });
    if (last && last.status === 'draft') throw coded('monitoring.bulletin_draft_exists', { version: last.version });
    const { view, table, facts } = await this.generate(user, prev.scopeId, prev.periodFrom, prev.periodTo, asOf);
    const newId = await this.em.transactional(async (tx) => {
      const b = tx.create(MonBulletin, {
        seriesId: prev.seriesId,
        version: (last?.version ?? prev.version) + 1,
        scopeId: prev.scopeId,
        scopePath: prev.scopePath,
        scopeName: prev.scopeName,
        title: prev.title,
        issuer: prev.issuer,
        periodFrom: prev.periodFrom,
        periodTo: prev.periodTo,
        ...generatedFields(
          view,
          table,
          facts,
          prev.scopeName,
          { from: prev.periodFrom, to: prev.periodTo },
          prev.requirement,
        ),
        createdById: user.id,
        createdByName: user.displayName || user.username,
      });
      tx.persist(b);
      this.audit.record(tx, actorOf(user), {
        action: 'monitoring.bulletin.revised',
        entityType: 'mon_bulletin',
        entityId: b.id,
        after: { revises: prev.id, version: b.version, asOf: b.asOf },
      });
      return b.id;
    });
    return this.get(user, newId);
  }

  /**
   * Opens a rectification task (整改) for each institution of a published bulletin the target names, due at the end
   * of `dueDate` (Asia/Shanghai), with a form asking for the reason, the next steps and the completion date; an
   * institution that already has one from this bulletin is skipped (doing it twice opens nothing twice).
   */
  async rectify(user: Principal, id: string, input: RectifyInput): Promise<RectificationResult> {
    if (!isValidDate(input.dueDate) || input.dueDate < shanghaiDate(new Date()))
      throw coded('monitoring.bulletin_due_invalid');
    if (!input.title.trim() || input.title.length > 200 || input.instructions.length > 4000)
      throw coded('monitoring.bulletin_title_invalid');
    return this.em.transactional(async (tx) => {
      const b = await this.load(user, id, tx);
      if (b.status !== 'published') throw coded('monitoring.bulletin_not_published');
      const targets = rectifyTargets(b.rows as BulletinTableRow[], input.target);
      if (!targets.length) throw coded('monitoring.bulletin_no_targets');
      const done = new Set(b.rectifiedOrgIds);
      let opened = 0;
      for (const r of targets) {
        if (done.has(r.orgId)) continue;
        await this.tasks.openForProcess(tx, actorOf(user), {
          kind: 'rectify',
          assigneeOrgId: r.orgId,
          title: input.title.trim(),
          instructions: `${input.instructions.trim()}\n\n（依据：${b.title}，第${b.version}版）`,
          dueDate: input.dueDate,
          form: [
            { key: 'reason', label: '原因说明', type: 'text', required: true },
            { key: 'plan', label: '下一步工作计划', type: 'text', required: true },
            { key: 'completion', label: '预计完成时间', type: 'date', required: true },
          ],
          aboutType: 'bulletin',
          aboutId: b.id,
          sourceKey: `bulletin:${b.id}:${r.orgId}`,
        });
        done.add(r.orgId);
        opened++;
      }
      b.rectifiedOrgIds = [...done];
      this.audit.record(tx, actorOf(user), {
        action: 'monitoring.bulletin.rectification_opened',
        entityType: 'mon_bulletin',
        entityId: b.id,
        after: { target: input.target, opened, skipped: targets.length - opened, dueDate: input.dueDate },
      });
      return { opened, skipped: targets.length - opened };
    });
  }

  /** The bulletin's scope path (for the access guard). */
  async pathOf(id: string): Promise<string | null> {
    const b = await this.em.fork().findOne(MonBulletin, { id }, { fields: ['scopePath'] });
    return b?.scopePath ?? null;
  }
}
