import { Module, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AccessResolvers, AuditLabels } from '@hutong/platform-server';
import { OrganisationsModule } from '@hutong/organisations-server';
import { IdentityModule } from '@hutong/identity-server';
import { AssessmentModule } from '@hutong/assessment-server';
import { NotificationsModule, NotificationsWorkerModule } from '@hutong/notifications-server';
import { TasksModule } from '@hutong/tasks-server';
import { Expert, ReviewSession } from './entities/review.entities';
import { ExpertController, ReviewController } from './review.controller';
import { ReviewAccess } from './review-access';
import { ExpertService } from './expert.service';
import { SessionService } from './session.service';
import { ScoringService } from './scoring.service';
import { QuestionService } from './question.service';
import { ConformanceService } from './conformance.service';
import { ScoringReminderScanner, ScoringReminders } from './scoring-reminders';
import { ReviewExportService } from './review-exports.service';

/**
 * The expert review in the api: the expert pool, review sessions (文审会, 现场查验) with panels, cases and
 * assignments, blind scoring, the chair's consolidation, questions (质询, as tasks) and conformance reports.
 * Reads applications through the assessment's ApplicationReader and hands results to its ApplicationService;
 * registers the `review_session` and `review_case` access resolvers (the cycle's jurisdiction) and the audit
 * labels of `review_session` and `expert`.
 */
@Module({
  imports: [OrganisationsModule, IdentityModule, AssessmentModule, NotificationsModule, TasksModule],
  controllers: [ExpertController, ReviewController],
  providers: [
    ReviewAccess,
    ExpertService,
    SessionService,
    ScoringService,
    QuestionService,
    ConformanceService,
    ScoringReminders,
    ReviewExportService,
  ],
  exports: [ExpertService, SessionService, ScoringService],
})
export class ReviewModule implements OnModuleInit {
  constructor(
    private readonly resolvers: AccessResolvers,
    private readonly labels: AuditLabels,
    private readonly access: ReviewAccess,
    private readonly em: EntityManager,
  ) {}

  onModuleInit(): void {
    this.resolvers.register('review_session', { pathOf: (id) => this.access.sessionPath(id) });
    this.resolvers.register('review_case', { pathOf: (id) => this.access.casePath(id) });
    this.labels.register('review_session', {
      label: async (ids) =>
        new Map((await this.em.fork().find(ReviewSession, { id: { $in: ids } })).map((s) => [s.id, s.title])),
    });
    this.labels.register('expert', {
      label: async (ids) =>
        new Map((await this.em.fork().find(Expert, { id: { $in: ids } })).map((e) => [e.id, e.name])),
    });
  }
}

/**
 * The review in the worker: the scoring reminders' due-scan (`ScoringReminderScanner` over `ScoringReminders`,
 * PostgreSQL only), which tells experts of unsubmitted sheets and, when late, the chair and the organiser.
 */
@Module({
  imports: [NotificationsWorkerModule],
  providers: [ReviewAccess, ScoringReminders, ScoringReminderScanner],
})
export class ReviewWorkerModule {}
