import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ApplicationView, EvidenceView } from '@hutong/assessment-model';
import {
  EVIDENCE_MAX_BYTES,
  choiceProblem,
  detectEvidenceType,
  isSelfAssessmentEditable,
  leavesUpTo,
  scoreOf,
  scoringOf,
  type Answer,
} from '@hutong/assessment-model';
import { shanghaiDate } from '@hutong/platform-model';
import {
  AuditService,
  actorOf,
  badRequest,
  coded,
  conflict,
  forbidden,
  notFound,
  type Principal,
} from '@hutong/platform-server';
import { User } from '@hutong/identity-server';
import { ApplicationRepository } from './application.repository';
import { ApplicationViews } from './application-views.service';
import { evidenceView } from './application.mappers';
import type { SaveAnswersDto } from './assessment.dto';
import { Application, ApplicationVersion, Evidence } from './entities/assessment.entities';
import { EvidenceStore } from './evidence-store';
import { StageEffects, type StageEffectContext } from './stage-effects';

/**
 * The applicant's self-assessment: answers (autosaved, each change audited with before/after),
 * evidence files, and the effects of submitting and of being returned for a supplement.
 */
@Injectable()
export class SelfAssessmentService implements OnModuleInit {
  constructor(
    private readonly repo: ApplicationRepository,
    private readonly views: ApplicationViews,
    private readonly store: EvidenceStore,
    private readonly audit: AuditService,
    private readonly effects: StageEffects,
    private readonly em: EntityManager,
  ) {}

  onModuleInit(): void {
    this.effects.register('snapshot_version', (c) => this.snapshotVersion(c));
    this.effects.register('clear_return_reasons', ({ app }) => {
      app.returnReasons = [];
      app.returnDeadline = null;
    });
    this.effects.register('record_return_reasons', (c) => this.recordReturnReasons(c));
  }

  /** Autosave: merges the given answers into the draft. Only the owner, only while editable. */
  async saveAnswers(user: Principal, id: string, dto: SaveAnswersDto): Promise<ApplicationView> {
    return this.em.transactional(async (tx) => {
      const app = await this.lockOwned(tx, user, id);
      const required = new Map(leavesUpTo(app.scheme.tree, app.targetLevel).map((l) => [l.code, l]));
      const byCode = new Map(app.answers.map((a) => [a.itemCode, a]));
      for (const a of dto.answers) {
        const leaf = required.get(a.itemCode);
        if (!leaf) throw badRequest('application.item_not_in_scope', { item: a.itemCode });
        const kind = scoringOf(leaf);
        let next: Answer;
        if (kind === 'scale') {
          if (a.choice) throw badRequest('application.answer_invalid', { item: a.itemCode });
          if (a.selfScore !== null && a.selfScore > leaf.points)
            throw badRequest('application.self_score_above_max', { item: a.itemCode, max: leaf.points });
          next = { itemCode: a.itemCode, selfScore: a.selfScore ?? null, statement: a.statement };
        } else {
          // the 2020 kinds: the answer is the printed option / level / count; the score follows from it
          const choice = a.choice ?? null;
          if (choice && choiceProblem(leaf, choice))
            throw badRequest('application.answer_invalid', { item: a.itemCode });
          next = { itemCode: a.itemCode, selfScore: scoreOf(leaf, choice), statement: a.statement, choice };
        }
        const old = byCode.get(a.itemCode);
        // one audit entry per changed answer, with before and after; an unchanged re-save writes none
        const before = {
          selfScore: old?.selfScore ?? null,
          statement: old?.statement ?? '',
          choice: old?.choice ?? null,
        };
        const after = { selfScore: next.selfScore, statement: next.statement, choice: next.choice ?? null };
        if (JSON.stringify(before) === JSON.stringify(after)) continue;
        byCode.set(a.itemCode, next);
        this.audit.record(tx, actorOf(user), {
          action: 'application.answer',
          entityType: 'application',
          entityId: id,
          before: old ? { itemCode: a.itemCode, ...before } : null,
          after: { itemCode: a.itemCode, ...after },
        });
      }
      app.answers = [...byCode.values()];
      return this.views.view(user, id, tx);
    });
  }

  async addEvidence(
    user: Principal,
    id: string,
    itemCode: string,
    fileName: string,
    buf: Buffer,
  ): Promise<EvidenceView> {
    if (buf.length > EVIDENCE_MAX_BYTES) throw coded('evidence.too_large', { mb: EVIDENCE_MAX_BYTES / 1024 / 1024 });
    const type = detectEvidenceType(new Uint8Array(buf));
    if (!type) throw coded('evidence.type_not_accepted');
    return this.em.transactional(async (tx) => {
      const app = await this.lockOwned(tx, user, id);
      if (!leavesUpTo(app.scheme.tree, app.targetLevel).some((l) => l.code === itemCode))
        throw badRequest('application.item_not_in_scope', { item: itemCode });
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
      const e = await this.repo.liveEvidenceById(tx, id, evidenceId);
      if (!e) throw notFound('evidence');
      e.removedAt = new Date();
      this.audit.record(tx, actorOf(user), {
        action: 'evidence.remove',
        entityType: 'application',
        entityId: id,
        before: { evidenceId, itemCode: e.itemCode, fileName: e.fileName },
      });
    });
  }

  /** The application, locked for update, when the caller owns it and it is editable. */
  private async lockOwned(tx: EntityManager, user: Principal, id: string): Promise<Application> {
    const app = await this.repo.load(tx, id, true);
    if (!app) throw notFound('application');
    if (user.organisationId !== app.organisation.id) throw forbidden('application.only_applicant_edits');
    if (!isSelfAssessmentEditable(app.state)) throw conflict('application.not_editable');
    return app;
  }

  /** submit / resubmit: what was submitted is kept as a numbered version. */
  private snapshotVersion({ tx, app, user, evidence, details }: StageEffectContext): void {
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
  }

  /** return: every reason names an item in scope and is not blank; a new deadline from today on. */
  private recordReturnReasons({ app, dto, required, now, details }: StageEffectContext): void {
    const blank = (dto.returnReasons ?? []).map((r, i) => ({ ...r, i })).filter((r) => !r.reason?.trim());
    if (blank.length)
      throw badRequest(
        'application.return_reason_blank',
        { items: blank.map((r) => r.itemCode).join('、') },
        {
          items: blank.map((r) => ({ index: r.i, itemCode: r.itemCode })),
        },
      );
    const codes = new Set(required.map((l) => l.code));
    const bad = (dto.returnReasons ?? []).filter((r) => !codes.has(r.itemCode));
    if (bad.length)
      throw badRequest('application.return_items_out_of_scope', { items: bad.map((r) => r.itemCode).join('、') });
    if (!dto.returnDeadline) throw badRequest('application.return_deadline_missing');
    if (dto.returnDeadline < shanghaiDate(now)) throw badRequest('application.return_deadline_past');
    app.returnReasons = (dto.returnReasons ?? []).map((r) => ({ itemCode: r.itemCode, reason: r.reason.trim() }));
    app.returnDeadline = dto.returnDeadline;
    details['returnReasons'] = app.returnReasons;
    details['returnDeadline'] = app.returnDeadline;
  }
}
