import { Module, type OnModuleInit } from '@nestjs/common';
import { AccessResolvers, AuditLabels, ReferenceChecks } from '@hutong/platform-server';
import { OrganisationsModule } from '@hutong/organisations-server';
import { ApplicationRepository } from './application.repository';
import { ApplicationReader } from './application-reader.service';
import { ApplicationService } from './application.service';
import { ApplicationStats } from './application-stats';
import { ApplicationViews } from './application-views.service';
import { AssessmentAccess } from './assessment-access';
import { ApplicationController, CycleController, SchemeController } from './assessment.controller';
import { CycleService } from './cycle.service';
import {
  Application,
  ApplicationVersion,
  Cycle,
  Evidence,
  Objection,
  Scheme,
  StageEvent,
} from './entities/assessment.entities';
import { EvidenceStore } from './evidence-store';
import { ReportsService } from './reports.service';
import { ObjectionService } from './objection.service';
import { RatingService } from './rating.service';
import { ReviewFactsService } from './review-facts.service';
import { SchemeService } from './scheme.service';
import { SelfAssessmentService } from './self-assessment.service';
import { StageEffects } from './stage-effects';
import { StageEventOutboxRegistration } from './stage-event-outbox';
import { TransitionService } from './transition.service';

/** The assessment capability's entities, for the app's ORM configuration. */
export const ASSESSMENT_ENTITIES = [Scheme, Cycle, Application, ApplicationVersion, Evidence, StageEvent, Objection];

/** The assessment in the api: schemes, cycles, applications and their stage machine, evidence, reports. */
@Module({
  imports: [OrganisationsModule],
  controllers: [SchemeController, CycleController, ApplicationController],
  providers: [
    AssessmentAccess,
    SchemeService,
    CycleService,
    ApplicationRepository,
    ApplicationViews,
    StageEffects,
    SelfAssessmentService,
    RatingService,
    ReviewFactsService,
    ObjectionService,
    TransitionService,
    ApplicationService,
    ApplicationReader,
    EvidenceStore,
    ReportsService,
    ApplicationStats,
  ],
  exports: [ApplicationService, ApplicationReader, CycleService, ApplicationStats],
})
export class AssessmentModule implements OnModuleInit {
  constructor(
    private readonly resolvers: AccessResolvers,
    private readonly access: AssessmentAccess,
    private readonly references: ReferenceChecks,
    private readonly labels: AuditLabels,
  ) {}

  onModuleInit(): void {
    this.resolvers.register('application', { label: '申请', pathOf: (id) => this.access.applicationPath(id) });
    // a cycle covers its jurisdiction: an applicant inside it sees the cycle too
    this.resolvers.register('cycle', {
      label: '测评批次',
      pathOf: (id) => this.access.cyclePath(id),
      coversSubtree: true,
    });
    this.references.register('organisation', (id, tx) => this.access.organisationReference(id, tx));
    this.labels.register('application', { label: (ids) => this.access.applicationLabels(ids) });
    const cycles = (ids: string[]) => this.access.cycleNames(ids);
    this.labels.register('cycle', { label: cycles, ref: cycles });
    const schemes = (ids: string[]) => this.access.schemeNames(ids);
    this.labels.register('scheme', { label: schemes, ref: schemes });
  }
}

/**
 * The assessment in the worker: the stage-event outbox, registered with the platform's relay, which
 * publishes each committed stage event to the domain-events queue (topic `application.stage`).
 */
@Module({
  providers: [StageEventOutboxRegistration, ApplicationStats],
  exports: [ApplicationStats],
})
export class AssessmentWorkerModule {}
