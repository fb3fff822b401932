import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type {
  AnswerChange,
  ApplicationAction,
  ApplicationState,
  ApplicationSummary,
  ApplicationVersionView,
  ApplicationView,
  BulkTransitionResult,
  EvidenceView,
  Level,
  MyObjection,
  ObjectionView,
  PublicityEntry,
} from '@hutong/assessment-model';
import {
  EVIDENCE_MAX_BYTES,
  decide,
  dueDateOf,
  availableActions,
  deriveLevel,
  detectEvidenceType,
  diffVersions,
  leavesUpTo,
  levelOutcome,
  missingForSubmit,
  onsiteRequired,
  type IndicatorLeaf,
  type TransitionContext,
} from '@hutong/assessment-model';
import { addDays, endOfShanghaiDay, isPastDue, shanghaiDate } from '@hutong/platform-model';
import { isWithin, pathIds } from '@hutong/platform-model';
import {
  Application,
  ApplicationVersion,
  Cycle,
  Evidence,
  Objection,
  Scheme,
  StageEvent,
} from './entities/assessment.entities';
import { Organisation } from '@hutong/organisations-server';
import { User } from '@hutong/identity-server';
import { AuditService } from '@hutong/platform-server';
import { actorOf, type Principal } from '@hutong/platform-server';
import { badRequest, conflict, forbidden, httpError, notFound } from '@hutong/platform-server';
import type { BoardQueryDto, CreateApplicationDto, SaveAnswersDto, TransitionDto } from './assessment.dto';
import { EvidenceStore } from './evidence-store';
import { containsPattern } from '@hutong/platform-server';

const POPULATE = ['cycle', 'cycle.jurisdiction', 'organisation', 'scheme'] as const;
const EDITABLE: ApplicationState[] = ['draft', 'returned'];

function evidenceView(e: Evidence): EvidenceView {
  return {
    id: e.id,
    itemCode: e.itemCode,
    fileName: e.fileName,
    mime: e.mime,
    size: Number(e.size),
    sha256: e.sha256,
    uploadedBy: e.uploadedBy.username,
    uploadedAt: e.uploadedAt.toISOString(),
  };
}

@Injectable()
export class ApplicationService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly store: EvidenceStore,
  ) {}

  // ---------------------------------------------------------------- reading

  async board(user: Principal, cycleId: string, q: BoardQueryDto): Promise<ApplicationSummary[]> {
    const where = ['a.cycle_id = ?', 'o.path like ?'];
    const params: unknown[] = [cycleId, `${user.scopePath}%`];
    if (q.state) {
      where.push('a.state = ?');
      params.push(q.state);
    }
    if (q.kind) {
      where.push('o.kind = ?');
      params.push(q.kind);
    }
    if (q.targetLevel) {
      where.push('a.target_level = ?');
      params.push(q.targetLevel);
    }
    if (q.regionId) {
      where.push("o.path like (select r.path from organisation r where r.id = ?) || '%'");
      params.push(q.regionId);
    }
    if (q.q) {
      where.push("(o.name ilike ? escape '\\' or o.code ilike ? escape '\\')");
      const like = containsPattern(q.q);
      params.push(like, like);
    }
    const ids = await this.em
      .getConnection()
      .execute<
        { id: string }[]
      >(`select a.id from application a join organisation o on o.id = a.organisation_id where ${where.join(' and ')} order by o.code`, params);
    const apps = await this.em.find(
      Application,
      { id: { $in: ids.map((r) => r.id) } },
      { populate: POPULATE, orderBy: { organisation: { code: 'asc' } } },
    );
    const names = await this.regionNames(apps.map((a) => a.organisation));
    const now = new Date();
    const list = apps.map((a) => this.summary(a, names, now));
    return q.late ? list.filter((s) => s.late) : list;
  }

  /**
   * Results under publicity or published in every cycle that covers the caller or lies in its
   * jurisdiction — public information, so that any covered organisation can object in time.
   */
  async publicity(user: Principal): Promise<PublicityEntry[]> {
    const rows = await this.em.getConnection().execute<{ id: string }[]>(
      `select a.id from application a join cycle c on c.id = a.cycle_id join organisation j on j.id = c.jurisdiction_id
        where a.state in ('publicity', 'objection', 'published') and (j.path like ? or ? like j.path || '%')
        order by a.publicity_ends_at desc nulls last limit 500`,
      [`${user.scopePath}%`, user.scopePath],
    );
    const apps = await this.em.find(Application, { id: { $in: rows.map((r) => r.id) } }, { populate: POPULATE });
    const names = await this.regionNames(apps.map((a) => a.organisation));
    const now = new Date();
    // the objector sees the handling of its own objections (never who else objected)
    const mine = new Map<string, MyObjection[]>();
    if (user.organisationId && apps.length) {
      const own = await this.em.find(
        Objection,
        { application: { $in: apps.map((a) => a.id) }, filedByOrg: user.organisationId },
        { orderBy: { filedAt: 'asc' } },
      );
      for (const o of own) {
        const list = mine.get(o.application.id) ?? [];
        list.push({
          id: o.id,
          filedAt: o.filedAt.toISOString(),
          reason: o.reason,
          resolution: o.resolution,
          resolvedAt: o.resolvedAt?.toISOString() ?? null,
          upheld: o.upheld,
        });
        mine.set(o.application.id, list);
      }
    }
    return apps
      .map((a) => ({
        applicationId: a.id,
        cycleId: a.cycle.id,
        cycleName: a.cycle.name,
        organisation: { id: a.organisation.id, code: a.organisation.code, name: a.organisation.name },
        regionPath: this.summary(a, names, now).regionPath,
        targetLevel: a.targetLevel as Level,
        achievedLevel: a.achievedLevel,
        state: a.state,
        publicityEndsAt: a.publicityEndsAt?.toISOString() ?? null,
        canObject:
          a.state === 'publicity' &&
          !!a.publicityEndsAt &&
          now < a.publicityEndsAt &&
          user.role !== 'viewer' &&
          user.organisationId !== a.organisation.id,
        myObjections: mine.get(a.id) ?? [],
      }))
      .sort((x, y) => (y.publicityEndsAt ?? '').localeCompare(x.publicityEndsAt ?? ''));
  }

  async mine(user: Principal): Promise<ApplicationSummary[]> {
    const rows = await this.em
      .getConnection()
      .execute<
        { id: string }[]
      >(`select a.id from application a join organisation o on o.id = a.organisation_id where o.path like ? order by a.created_at desc limit 200`, [`${user.scopePath}%`]);
    const apps = await this.em.find(
      Application,
      { id: { $in: rows.map((r) => r.id) } },
      { populate: POPULATE, orderBy: { createdAt: 'desc' } },
    );
    const names = await this.regionNames(apps.map((a) => a.organisation));
    const now = new Date();
    return apps.map((a) => this.summary(a, names, now));
  }

  async view(user: Principal, id: string, em: EntityManager = this.em): Promise<ApplicationView> {
    const app = await em.findOne(Application, { id }, { populate: POPULATE });
    if (!app) throw notFound('申请');
    const required = leavesUpTo(app.scheme.tree, app.targetLevel);
    const saved = new Map(app.answers.map((a) => [a.itemCode, a]));
    const evidence = await em.find(
      Evidence,
      { application: id, removedAt: null },
      { populate: ['uploadedBy'], orderBy: { uploadedAt: 'asc' } },
    );
    const events = await em.find(StageEvent, { application: id }, { orderBy: { at: 'asc' } });
    const objections = await em.find(
      Objection,
      { application: id },
      { populate: ['filedByOrg'], orderBy: { filedAt: 'asc' } },
    );
    const names = await this.regionNames([app.organisation], em);
    const now = new Date();
    // listing what the caller may do: a return would carry its reasons, so do not show it as blocked for lack of them
    // (nor a rate for lack of the coordinator's decision on a missed target level: the page asks for it)
    const ctx = await this.context(em, app, user, required, evidence, now, {
      returnReasons: [{ itemCode: '-', reason: '-' }],
      lowerLevelDecision: 'not_passed',
    });
    // objectors are confidential to coordinators: the objected-to applicant sees the objection, not who filed it
    const seesObjectors = user.role === 'admin' || (user.role === 'coordinator' && ctx.inJurisdiction);
    return {
      ...this.summary(app, names, now),
      schemeId: app.scheme.id,
      answers: required.map((l) => saved.get(l.code) ?? { itemCode: l.code, selfScore: null, statement: '' }),
      evidence: evidence.map(evidenceView),
      returnReasons: app.returnReasons,
      returnDeadline: app.returnDeadline,
      consensusScores: app.consensusScores,
      resultExplanation: app.resultExplanation,
      publicityEndsAt: app.publicityEndsAt?.toISOString() ?? null,
      objections: objections.map((o): ObjectionView => {
        const mine = !!user.organisationId && user.organisationId === o.filedByOrg.id;
        return {
          id: o.id,
          filedBy:
            seesObjectors || mine ? { id: o.filedByOrg.id, code: o.filedByOrg.code, name: o.filedByOrg.name } : null,
          mine,
          filedAt: o.filedAt.toISOString(),
          reason: o.reason,
          resolution: o.resolution,
          resolvedAt: o.resolvedAt?.toISOString() ?? null,
          upheld: o.upheld,
        };
      }),
      actions: availableActions(app.state, ctx),
      history: events.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actor: e.actor,
        action: e.action as ApplicationAction | 'create' | 'save',
        from: e.fromState,
        to: e.toState,
        note: e.note,
      })),
    };
  }

  async versions(id: string): Promise<ApplicationVersionView[]> {
    const list = await this.em.find(ApplicationVersion, { application: id }, { orderBy: { version: 'asc' } });
    return list.map((v) => ({
      version: v.version,
      submittedAt: v.submittedAt.toISOString(),
      submittedBy: v.submittedBy,
      answers: v.answers,
      evidence: v.evidence,
    }));
  }

  async diff(id: string, from: number, to: number): Promise<AnswerChange[]> {
    const [a, b] = await Promise.all([
      this.em.findOne(ApplicationVersion, { application: id, version: from }),
      this.em.findOne(ApplicationVersion, { application: id, version: to }),
    ]);
    if (!a || !b) throw notFound('版本');
    return diffVersions(a, b);
  }

  /** An evidence file the caller may download (the guard checked the application is in scope). */
  async evidenceFile(
    applicationId: string,
    evidenceId: string,
  ): Promise<{ path: string; fileName: string; mime: string }> {
    const e = await this.em.findOne(Evidence, { id: evidenceId, application: applicationId });
    if (!e) throw notFound('证明材料');
    return { path: this.store.pathOf(e.sha256), fileName: e.fileName, mime: e.mime };
  }

  // ---------------------------------------------------------------- writing

  async create(user: Principal, dto: CreateApplicationDto): Promise<ApplicationView> {
    const [cycle, org, scheme] = await Promise.all([
      this.em.findOne(Cycle, { id: dto.cycleId }, { populate: ['jurisdiction'] }),
      this.em.findOne(Organisation, { id: dto.organisationId }),
      this.em.findOne(Scheme, { id: dto.schemeId }),
    ]);
    if (!cycle) throw notFound('测评批次');
    if (!org) throw notFound('机构');
    if (!scheme) throw notFound('指标体系');
    if (user.role === 'applicant' && user.organisationId !== org.id) throw forbidden('只能为本单位申请');
    if (!isWithin(org.path, cycle.jurisdiction.path)) throw badRequest('该机构不在本批次的范围内');
    if (!cycle.eligibleKinds.includes(org.kind)) throw badRequest('该机构类型不能参加本批次测评');
    if (!cycle.schemeIds.includes(scheme.id)) throw badRequest('本批次不使用该指标体系');
    if ((scheme.kind === 'hospital') !== (org.kind === 'hospital')) throw badRequest('指标体系与机构类型不符');
    if (cycle.status !== 'open') throw conflict('本批次已关闭，不再接受申请');
    const existing = await this.em.findOne(Application, { cycle: cycle.id, organisation: org.id });
    if (existing) throw conflict(this.existingMessage(existing));
    const window = cycle.windows.find((w) => w.key === 'application');
    const today = shanghaiDate(new Date());
    if (!window || today < window.start || today > window.end) throw conflict('本批次当前不在申报时间内');
    try {
      const id = await this.em.transactional(async (tx) => {
        const app = tx.create(Application, {
          cycle,
          organisation: org,
          scheme,
          targetLevel: dto.targetLevel,
          createdBy: tx.getReference(User, user.id),
        });
        tx.persist(app);
        tx.persist(
          tx.create(StageEvent, { application: app, actor: user.username, action: 'create', toState: 'draft' }),
        );
        this.audit.record(tx, actorOf(user), {
          action: 'application.create',
          entityType: 'application',
          entityId: app.id,
          after: { cycleId: cycle.id, organisationId: org.id, schemeId: scheme.id, targetLevel: dto.targetLevel },
        });
        return app.id;
      });
      return this.view(user, id);
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) throw conflict('该机构已在本批次中申请');
      throw e;
    }
  }

  /** Why an organisation cannot apply twice in a cycle — and, for a withdrawn application, the way back. */
  private existingMessage(a: Application): string {
    return a.state === 'withdrawn'
      ? '该机构在本批次的申请已撤回：请联系测评管理机构重新开放该申请（原有自评估内容保留）'
      : '该机构已在本批次中申请';
  }

  /** Autosave: merges the given answers into the draft. Only the owner, only while editable. */
  async saveAnswers(user: Principal, id: string, dto: SaveAnswersDto): Promise<ApplicationView> {
    return this.em.transactional(async (tx) => {
      const app = await this.lockOwned(tx, user, id);
      const required = new Map(leavesUpTo(app.scheme.tree, app.targetLevel).map((l) => [l.code, l]));
      const byCode = new Map(app.answers.map((a) => [a.itemCode, a]));
      for (const a of dto.answers) {
        const leaf = required.get(a.itemCode);
        if (!leaf) throw badRequest(`指标 ${a.itemCode} 不在申报等级要求的范围内`);
        if (a.selfScore !== null && a.selfScore > leaf.points)
          throw badRequest(`指标 ${a.itemCode} 的自评分不能超过 ${leaf.points} 分`);
        const old = byCode.get(a.itemCode);
        const next = { itemCode: a.itemCode, selfScore: a.selfScore ?? null, statement: a.statement };
        // one audit entry per changed answer, with before and after; an unchanged re-save writes none
        const before = { selfScore: old?.selfScore ?? null, statement: old?.statement ?? '' };
        if (before.selfScore === next.selfScore && before.statement === next.statement) continue;
        byCode.set(a.itemCode, next);
        this.audit.record(tx, actorOf(user), {
          action: 'application.answer',
          entityType: 'application',
          entityId: id,
          before: old ? { itemCode: a.itemCode, ...before } : null,
          after: { itemCode: a.itemCode, selfScore: next.selfScore, statement: next.statement },
        });
      }
      app.answers = [...byCode.values()];
      return this.view(user, id, tx);
    });
  }

  async addEvidence(
    user: Principal,
    id: string,
    itemCode: string,
    fileName: string,
    buf: Buffer,
  ): Promise<EvidenceView> {
    if (buf.length > EVIDENCE_MAX_BYTES)
      throw httpError(HttpStatus.PAYLOAD_TOO_LARGE, `文件不能超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB`);
    const type = detectEvidenceType(new Uint8Array(buf));
    if (!type) throw httpError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, '只接受 PDF、Office 文档和图片（按文件内容判断）');
    return this.em.transactional(async (tx) => {
      const app = await this.lockOwned(tx, user, id);
      if (!leavesUpTo(app.scheme.tree, app.targetLevel).some((l) => l.code === itemCode))
        throw badRequest(`指标 ${itemCode} 不在申报等级要求的范围内`);
      const sha256 = await this.store.put(buf);
      const e = tx.create(Evidence, {
        application: app,
        itemCode,
        fileName: fileName.slice(0, 255),
        mime: type.mime,
        size: buf.length,
        sha256,
        uploadedBy: tx.getReference(User, user.id),
      });
      tx.persist(e);
      this.audit.record(tx, actorOf(user), {
        action: 'evidence.add',
        entityType: 'application',
        entityId: id,
        after: { evidenceId: e.id, itemCode, fileName, sha256, size: buf.length },
      });
      await tx.flush();
      await tx.populate(e, ['uploadedBy']);
      return evidenceView(e);
    });
  }

  async removeEvidence(user: Principal, id: string, evidenceId: string): Promise<void> {
    await this.em.transactional(async (tx) => {
      await this.lockOwned(tx, user, id);
      const e = await tx.findOne(Evidence, { id: evidenceId, application: id, removedAt: null });
      if (!e) throw notFound('证明材料');
      e.removedAt = new Date();
      this.audit.record(tx, actorOf(user), {
        action: 'evidence.remove',
        entityType: 'application',
        entityId: id,
        before: { evidenceId, itemCode: e.itemCode, fileName: e.fileName },
      });
    });
  }

  async setConsensusScores(user: Principal, id: string, scores: Record<string, number>): Promise<ApplicationView> {
    return this.em.transactional(async (tx) => {
      const app = await tx.findOne(Application, { id }, { populate: POPULATE, lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!app) throw notFound('申请');
      if (app.state !== 'rating') throw conflict('只有在“等级评定”阶段才能录入共识评分');
      const leaves = new Map(leavesUpTo(app.scheme.tree, app.targetLevel).map((l) => [l.code, l]));
      for (const [code, v] of Object.entries(scores)) {
        const leaf = leaves.get(code);
        if (!leaf) throw badRequest(`指标 ${code} 不在申报等级要求的范围内`);
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > leaf.points)
          throw badRequest(`指标 ${code} 的评分应在 0 到 ${leaf.points} 之间`);
      }
      const before = { ...app.consensusScores };
      app.consensusScores = { ...app.consensusScores, ...scores };
      this.audit.record(tx, actorOf(user), {
        action: 'application.consensus_scores',
        entityType: 'application',
        entityId: id,
        before,
        after: app.consensusScores,
      });
      return this.view(user, id, tx);
    });
  }

  /** One stage transition, decided by the stage machine; every step audited. */
  async transition(user: Principal, id: string, dto: TransitionDto): Promise<ApplicationView> {
    return this.em.transactional(async (tx) => {
      await this.apply(tx, user, id, dto);
      return this.view(user, id, tx);
    });
  }

  async bulk(user: Principal, ids: string[], action: ApplicationAction, note?: string): Promise<BulkTransitionResult> {
    const result: BulkTransitionResult = { done: [], refused: [] };
    for (const id of [...new Set(ids)]) {
      try {
        await this.em.fork().transactional((tx) => this.apply(tx, user, id, { action, note }));
        result.done.push(id);
      } catch (e) {
        const body = (e as { getResponse?: () => unknown }).getResponse?.() as { message?: string } | undefined;
        if (!body?.message) throw e;
        result.refused.push({ id, reason: body.message });
      }
    }
    return result;
  }

  /** File an objection during publicity: any organisation the application's cycle covers. */
  async fileObjection(user: Principal, id: string, reason: string): Promise<ApplicationView> {
    return this.transition(user, id, { action: 'file_objection', reason });
  }

  // ---------------------------------------------------------------- internals

  private async apply(tx: EntityManager, user: Principal, id: string, dto: TransitionDto): Promise<void> {
    const app = await tx.findOne(Application, { id }, { populate: POPULATE, lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!app) throw notFound('申请');
    const required = leavesUpTo(app.scheme.tree, app.targetLevel);
    const evidence = await tx.find(Evidence, { application: id, removedAt: null }, { populate: ['uploadedBy'] });
    const now = new Date();
    const ctx = await this.context(tx, app, user, required, evidence, now, dto);
    // the level is derived before deciding, so that the stage machine chooses publicity or not_passed
    const derived =
      dto.action === 'rate'
        ? deriveLevel(app.scheme.tree, app.scheme.levelRules, app.targetLevel, app.consensusScores)
        : null;
    if (derived) ctx.levelOutcome = levelOutcome(derived.level, app.targetLevel);
    const decision = decide(app.state, dto.action, ctx);
    if (!decision.ok) {
      if (decision.status === 422)
        throw httpError(HttpStatus.UNPROCESSABLE_ENTITY, decision.reason, { missing: ctx.missing });
      throw httpError(decision.status === 403 ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT, decision.reason);
    }
    const from = app.state;
    const to = decision.to;
    const details: Record<string, unknown> = {};
    for (const effect of decision.effects) {
      switch (effect) {
        case 'snapshot_version':
          app.version += 1;
          tx.persist(
            tx.create(ApplicationVersion, {
              application: app,
              version: app.version,
              submittedBy: user.username,
              answers: app.answers,
              evidence: evidence.map(evidenceView),
            }),
          );
          details['version'] = app.version;
          break;
        case 'clear_return_reasons':
          app.returnReasons = [];
          app.returnDeadline = null;
          break;
        case 'record_return_reasons': {
          const blank = (dto.returnReasons ?? []).map((r, i) => ({ ...r, i })).filter((r) => !r.reason?.trim());
          if (blank.length)
            throw badRequest(
              `退回原因不能为空：${blank.map((r) => `第${r.i + 1}条（指标 ${r.itemCode}）`).join('、')}`,
              { items: blank.map((r) => ({ index: r.i, itemCode: r.itemCode })) },
            );
          const codes = new Set(required.map((l) => l.code));
          const bad = (dto.returnReasons ?? []).filter((r) => !codes.has(r.itemCode));
          if (bad.length) throw badRequest(`退回原因中的指标不在申报范围内：${bad.map((r) => r.itemCode).join('、')}`);
          if (!dto.returnDeadline) throw badRequest('退回补充必须设置新的截止日期');
          if (dto.returnDeadline < shanghaiDate(now)) throw badRequest('新的截止日期不能早于今天');
          app.returnReasons = (dto.returnReasons ?? []).map((r) => ({ itemCode: r.itemCode, reason: r.reason.trim() }));
          app.returnDeadline = dto.returnDeadline;
          details['returnReasons'] = app.returnReasons;
          details['returnDeadline'] = app.returnDeadline;
          break;
        }
        case 'derive_level': {
          if (!derived) break;
          // not passed: no level is awarded, even when a lower one was reached (the coordinator decided so)
          app.achievedLevel = to === 'not_passed' ? null : derived.level;
          app.resultExplanation =
            ctx.levelOutcome === 'lower'
              ? [
                  ...derived.explanation,
                  to === 'not_passed' ? '评定决定：未通过（不授予较低等级）' : '评定决定：授予较低等级',
                ]
              : derived.explanation;
          details['derivedLevel'] = derived.level;
          details['achievedLevel'] = app.achievedLevel;
          if (ctx.levelOutcome === 'lower') details['lowerLevelDecision'] = dto.lowerLevelDecision;
          break;
        }
        case 'start_publicity':
          if (to === 'publicity')
            app.publicityEndsAt = endOfShanghaiDay(addDays(shanghaiDate(now), app.cycle.publicityDays));
          break;
        case 'record_objection': {
          if (!dto.reason?.trim()) throw badRequest('请填写异议理由');
          const orgId = user.organisationId ?? app.cycle.jurisdiction.id;
          const o = tx.create(Objection, {
            application: app,
            filedByOrg: tx.getReference(Organisation, orgId),
            filedBy: tx.getReference(User, user.id),
            reason: dto.reason.trim(),
          });
          tx.persist(o);
          details['objectionId'] = o.id;
          break;
        }
        case 'resolve_objection': {
          // no id: the same 400 (an empty string is no uuid — PostgreSQL would answer with a 500)
          const o = dto.objectionId
            ? await tx.findOne(Objection, { id: dto.objectionId, application: id, resolvedAt: null })
            : null;
          if (!o) throw badRequest('请选择一条待处理的异议');
          o.resolution = dto.note?.trim() || (dto.upheld ? '异议成立' : '异议不成立');
          o.resolvedAt = now;
          o.upheld = dto.upheld ?? false;
          details['objectionId'] = o.id;
          details['upheld'] = o.upheld;
          break;
        }
        case 'close_tasks':
          // deadline tasks arrive with the tasks capability; nothing to close yet
          break;
      }
    }
    app.state = to;
    tx.persist(
      tx.create(StageEvent, {
        application: app,
        actor: user.username,
        action: dto.action,
        fromState: from,
        toState: to,
        note: dto.note?.trim() || null,
      }),
    );
    this.audit.record(tx, actorOf(user), {
      action: `application.${dto.action}`,
      entityType: 'application',
      entityId: id,
      before: { state: from },
      after: { state: to, ...details },
    });
  }

  private async context(
    em: EntityManager,
    app: Application,
    user: Principal,
    required: IndicatorLeaf[],
    evidence: Evidence[],
    now: Date,
    dto: Partial<TransitionDto>,
  ): Promise<TransitionContext> {
    const openObjections = await em.count(Objection, { application: app.id, resolvedAt: null });
    const cyclePath = app.cycle.jurisdiction.path;
    const inJurisdiction =
      user.role === 'admin' ||
      (user.role !== 'applicant' && isWithin(app.organisation.path, user.scopePath)) ||
      // an organisation the cycle covers may object during publicity
      (user.role === 'applicant' && app.state === 'publicity' && isWithin(user.scopePath, cyclePath));
    const leaves = required.map((l) => l.code);
    return {
      role: user.role,
      ownOrganisation: user.organisationId === app.organisation.id,
      inJurisdiction,
      now,
      missing: missingForSubmit(
        required,
        app.answers,
        evidence.map((e) => e.itemCode),
      ),
      dueDatePassed: isPastDue(dueDateOf(app.state, app.cycle.windows, app.returnDeadline), now),
      onsiteRequired: onsiteRequired(app.scheme.levelRules, app.targetLevel),
      allScoresEntered: leaves.every((c) => typeof app.consensusScores[c] === 'number'),
      publicityOver: !!app.publicityEndsAt && now >= app.publicityEndsAt,
      openObjections,
      hasReturnReasons: (dto.returnReasons?.length ?? 0) > 0,
      objectionUpheld: dto.upheld,
      allowLowerLevel: app.scheme.allowLowerLevel,
      lowerLevelDecision: dto.lowerLevelDecision,
    };
  }

  /** The application, locked for update, when the caller owns it and it is editable. */
  private async lockOwned(tx: EntityManager, user: Principal, id: string): Promise<Application> {
    const app = await tx.findOne(Application, { id }, { populate: POPULATE, lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!app) throw notFound('申请');
    if (user.organisationId !== app.organisation.id) throw forbidden('只有申请单位可以修改自评估');
    if (!EDITABLE.includes(app.state)) throw conflict(`当前状态不能修改自评估`);
    return app;
  }

  private summary(a: Application, names: Map<string, string>, now: Date): ApplicationSummary {
    const due = dueDateOf(a.state, a.cycle.windows, a.returnDeadline);
    return {
      id: a.id,
      cycleId: a.cycle.id,
      organisation: { id: a.organisation.id, code: a.organisation.code, name: a.organisation.name },
      regionPath: pathIds(a.organisation.path)
        .slice(0, -1)
        .map((id) => names.get(id) ?? ''),
      orgKind: a.organisation.kind,
      schemeKey: a.scheme.key,
      schemeName: a.scheme.name,
      schemeVersion: a.scheme.version,
      targetLevel: a.targetLevel as Level,
      state: a.state,
      achievedLevel: a.achievedLevel,
      dueDate: due,
      late: isPastDue(due, now),
      version: a.version,
      updatedAt: a.updatedAt.toISOString(),
    };
  }

  private async regionNames(orgs: Organisation[], em: EntityManager = this.em): Promise<Map<string, string>> {
    const ids = [...new Set(orgs.flatMap((o) => pathIds(o.path)))];
    if (!ids.length) return new Map();
    const rows = await em.find(Organisation, { id: { $in: ids } }, { fields: ['id', 'name'] });
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
