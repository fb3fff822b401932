import { Module, type OnModuleInit } from '@nestjs/common';
import { AccessResolvers, ReferenceChecks } from '@hutong/platform-server';
import { OrganisationsModule } from '@hutong/organisations-server';
import { ApplicationService } from './application.service';
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
import { SchemeService } from './scheme.service';

/** The assessment capability's entities, for the app's ORM configuration. */
export const ASSESSMENT_ENTITIES = [Scheme, Cycle, Application, ApplicationVersion, Evidence, StageEvent, Objection];

/** The assessment in the api: schemes, cycles, applications and their stage machine, evidence, reports. */
@Module({
  imports: [OrganisationsModule],
  controllers: [SchemeController, CycleController, ApplicationController],
  providers: [AssessmentAccess, SchemeService, CycleService, ApplicationService, EvidenceStore, ReportsService],
  exports: [ApplicationService, CycleService],
})
export class AssessmentModule implements OnModuleInit {
  constructor(
    private readonly resolvers: AccessResolvers,
    private readonly access: AssessmentAccess,
    private readonly references: ReferenceChecks,
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
  }
}
