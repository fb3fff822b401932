import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type {
  AnswerChange,
  ApplicationAction,
  ApplicationSummary,
  ApplicationVersionView,
  ApplicationView,
  BulkTransitionResult,
  EvidenceView,
  PublicityEntry,
  SpotCheckRequest,
} from '@hutong/assessment-model';
import { eligibilityRefusal } from '@hutong/assessment-model';
import { isWithin, shanghaiDate, type Paged } from '@hutong/platform-model';
import { Organisation } from '@hutong/organisations-server';
import { User } from '@hutong/identity-server';
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
import { ApplicationRepository } from './application.repository';
import { ApplicationViews } from './application-views.service';
import type { BoardQueryDto, CreateApplicationDto, SaveAnswersDto, TransitionDto } from './assessment.dto';
import { Application, Cycle, Scheme, StageEvent } from './entities/assessment.entities';
import { ObjectionService } from './objection.service';
import { RatingService } from './rating.service';
import { ReviewFactsService } from './review-facts.service';
import { SelfAssessmentService } from './self-assessment.service';
import { TransitionService } from './transition.service';

/**
 * The assessment's public service (what the controllers and other capabilities call): applying, and
 * the parts it delegates to — reading (ApplicationViews), the self-assessment, rating, objections
 * and stage transitions (TransitionService with its registered effects).
 */
@Injectable()
export class ApplicationService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly repo: ApplicationRepository,
    private readonly views: ApplicationViews,
    private readonly selfAssessment: SelfAssessmentService,
    private readonly rating: RatingService,
    private readonly facts: ReviewFactsService,
    private readonly objections: ObjectionService,
    private readonly transitions: TransitionService,
  ) {}

  // ---------------------------------------------------------------- reading

  board(user: Principal, cycleId: string, q: BoardQueryDto): Promise<Paged<ApplicationSummary>> {
    return this.views.board(user, cycleId, q);
  }

  publicity(user: Principal): Promise<PublicityEntry[]> {
    return this.views.publicity(user);
  }

  mine(user: Principal): Promise<ApplicationSummary[]> {
    return this.views.mine(user);
  }

  view(user: Principal, id: string): Promise<ApplicationView> {
    return this.views.view(user, id);
  }

  versions(id: string): Promise<ApplicationVersionView[]> {
    return this.views.versions(id);
  }

  diff(id: string, from: number, to: number): Promise<AnswerChange[]> {
    return this.views.diff(id, from, to);
  }

  evidenceFile(applicationId: string, evidenceId: string): Promise<{ path: string; fileName: string; mime: string }> {
    return this.views.evidenceFile(applicationId, evidenceId);
  }

  // ---------------------------------------------------------------- writing

  async create(user: Principal, dto: CreateApplicationDto): Promise<ApplicationView> {
    const [cycle, org, scheme] = await Promise.all([
      this.em.findOne(Cycle, { id: dto.cycleId }, { populate: ['jurisdiction'] }),
      this.em.findOne(Organisation, { id: dto.organisationId }),
      this.em.findOne(Scheme, { id: dto.schemeId }),
    ]);
    if (!cycle) throw notFound('cycle');
    if (!org) throw notFound('organisation');
    if (!scheme) throw notFound('scheme');
    if (user.role === 'applicant' && user.organisationId !== org.id)
      throw forbidden('application.only_own_organisation');
    if (!isWithin(org.path, cycle.jurisdiction.path)) throw badRequest('application.org_outside_cycle');
    if (!cycle.eligibleKinds.includes(org.kind)) throw badRequest('application.kind_not_eligible');
    if (!cycle.schemeIds.includes(scheme.id)) throw badRequest('application.scheme_not_in_cycle');
    if ((scheme.kind === 'hospital') !== (org.kind === 'hospital'))
      throw badRequest('application.scheme_kind_mismatch');
    if (cycle.status !== 'open') throw conflict('cycle.closed');
    const existing = await this.repo.findExisting(cycle.id, org.id);
    if (existing)
      throw conflict(existing.state === 'withdrawn' ? 'application.withdrawn_reopen' : 'application.already_applied');
    const window = cycle.windows.find((w) => w.key === 'application');
    const today = shanghaiDate(new Date());
    if (!window || today < window.start || today > window.end) throw conflict('cycle.not_in_application_window');
    // 五级乙等 and above only in a year after passing 四级 (checked when the application is made)
    const refusal = eligibilityRefusal(dto.targetLevel, cycle.year, await this.repo.awardedLevels(org.id));
    if (refusal) throw coded(refusal.code, refusal.params);
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
        // creation is a stage event too: subscribers learn of the new draft through the outbox
        tx.persist(
          tx.create(StageEvent, {
            application: app,
            actor: user.username,
            action: 'create',
            toState: 'draft',
            details: { targetLevel: dto.targetLevel },
          }),
        );
        this.audit.record(tx, actorOf(user), {
          action: 'application.create',
          entityType: 'application',
          entityId: app.id,
          after: { cycleId: cycle.id, organisationId: org.id, schemeId: scheme.id, targetLevel: dto.targetLevel },
        });
        return app.id;
      });
      return this.views.view(user, id);
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) throw conflict('application.already_applied');
      throw e;
    }
  }

  saveAnswers(user: Principal, id: string, dto: SaveAnswersDto): Promise<ApplicationView> {
    return this.selfAssessment.saveAnswers(user, id, dto);
  }

  addEvidence(user: Principal, id: string, itemCode: string, fileName: string, buf: Buffer): Promise<EvidenceView> {
    return this.selfAssessment.addEvidence(user, id, itemCode, fileName, buf);
  }

  removeEvidence(user: Principal, id: string, evidenceId: string): Promise<void> {
    return this.selfAssessment.removeEvidence(user, id, evidenceId);
  }

  setConsensusScores(user: Principal, id: string, scores: Record<string, number>): Promise<ApplicationView> {
    return this.rating.setConsensusScores(user, id, scores);
  }

  // ---------------------------------------------------------------- facts the review records
  // (each in its state, one transaction with its audit entry; 404 unknown application, 409 wrong state)

  /** 标准符合性测试: the result of the conformance test, only in conformance_testing (finish_conformance reads it). */
  recordConformance(
    actor: Principal,
    applicationId: string,
    result: { passed: boolean; items: number; failedItems: number; note?: string },
    em?: EntityManager,
  ): Promise<void> {
    return this.facts.recordConformance(actor, applicationId, result, em);
  }

  /** A panel's consolidated result (文审 / 现场查验 结果汇总): scores merged into the consensus scores and the opinion,
   * only in the state of that stage; the document review's consolidation lets to_onsite / to_rating go on. */
  recordConsensus(
    actor: Principal,
    applicationId: string,
    input: { stage: 'document_review' | 'onsite'; scores: Record<string, number>; opinion: string },
    em?: EntityManager,
  ): Promise<void> {
    return this.facts.recordConsensus(actor, applicationId, input, em);
  }

  /** 现场查验结果: only in onsite (finish_onsite reads it; a failed inspection is kept and shown, the rating goes on). */
  recordOnsite(
    actor: Principal,
    applicationId: string,
    result: { passed: boolean; findings: number; rectification: string | null },
    em?: EntityManager,
  ): Promise<void> {
    return this.facts.recordOnsite(actor, applicationId, result, em);
  }

  /** 飞行检查 of a published result by the national body (a failed one is followed by `revoke`). */
  recordSpotCheck(actor: Principal, applicationId: string, input: SpotCheckRequest): Promise<void> {
    return this.facts.recordSpotCheck(actor, applicationId, input);
  }

  /** One stage transition, decided by the stage machine; every step audited. */
  transition(user: Principal, id: string, dto: TransitionDto): Promise<ApplicationView> {
    return this.transitions.transition(user, id, dto);
  }

  bulk(user: Principal, ids: string[], action: ApplicationAction, note?: string): Promise<BulkTransitionResult> {
    return this.transitions.bulk(user, ids, action, note);
  }

  fileObjection(user: Principal, id: string, reason: string): Promise<ApplicationView> {
    return this.objections.file(user, id, reason);
  }
}
