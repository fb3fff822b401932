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
} from '@hutong/assessment-model';
import { isWithin, shanghaiDate, type Paged } from '@hutong/platform-model';
import { Organisation } from '@hutong/organisations-server';
import { User } from '@hutong/identity-server';
import {
  AuditService,
  actorOf,
  badRequest,
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
    if (!cycle) throw notFound('测评批次');
    if (!org) throw notFound('机构');
    if (!scheme) throw notFound('指标体系');
    if (user.role === 'applicant' && user.organisationId !== org.id) throw forbidden('只能为本单位申请');
    if (!isWithin(org.path, cycle.jurisdiction.path)) throw badRequest('该机构不在本批次的范围内');
    if (!cycle.eligibleKinds.includes(org.kind)) throw badRequest('该机构类型不能参加本批次测评');
    if (!cycle.schemeIds.includes(scheme.id)) throw badRequest('本批次不使用该指标体系');
    if ((scheme.kind === 'hospital') !== (org.kind === 'hospital')) throw badRequest('指标体系与机构类型不符');
    if (cycle.status !== 'open') throw conflict('本批次已关闭，不再接受申请');
    const existing = await this.repo.findExisting(cycle.id, org.id);
    if (existing) throw conflict(existingMessage(existing));
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
      if (e instanceof UniqueConstraintViolationException) throw conflict('该机构已在本批次中申请');
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

/** Why an organisation cannot apply twice in a cycle — and, for a withdrawn application, the way back. */
function existingMessage(a: Application): string {
  return a.state === 'withdrawn'
    ? '该机构在本批次的申请已撤回：请联系测评管理机构重新开放该申请（原有自评估内容保留）'
    : '该机构已在本批次中申请';
}
