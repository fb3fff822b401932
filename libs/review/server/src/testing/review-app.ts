import { startTestApp, type TestApp } from '@hutong/platform-server/testing';
import { IDENTITY_ENTITIES, IdentityModule, User } from '@hutong/identity-server';
import { ORGANISATION_ENTITIES, Organisation, OrganisationsModule } from '@hutong/organisations-server';
import { ASSESSMENT_ENTITIES, AssessmentModule } from '@hutong/assessment-server';
import { NOTIFICATIONS_ENTITIES, NotificationsModule } from '@hutong/notifications-server';
import { TASK_ENTITIES, TasksModule, RollupsModule } from '@hutong/tasks-server';
import { OrgFactory } from '@hutong/organisations-server/testing';
import { UserFactory, type TestUser } from '@hutong/identity-server/testing';
import { AssessmentFactory } from '@hutong/assessment-server/testing';
import type { ExpertPool, Specialty } from '@hutong/review-model';
import { REVIEW_ENTITIES, Expert } from '../lib/entities/review.entities';
import { ReviewModule } from '../lib/review.module';

export interface ExpertSpec {
  affiliation: Organisation;
  name?: string;
  specialties?: Specialty[];
  pools?: ExpertPool[];
  vendorTies?: string[];
  unavailable?: { from: string; to: string }[];
}

export interface ReviewTestApp extends TestApp {
  orgs: OrgFactory;
  users: UserFactory;
  assessment: AssessmentFactory;
  /** an expert user with a profile */
  expert(spec: ExpertSpec): Promise<{ user: TestUser; expert: Expert }>;
}

/** The api's capabilities with the review (organisations, identity, assessment, notifications, tasks, review). */
export async function startReviewApp(opts: { http?: boolean } = {}): Promise<ReviewTestApp> {
  const app = await startTestApp({
    imports: [
      IdentityModule,
      OrganisationsModule,
      AssessmentModule,
      NotificationsModule,
      TasksModule,
      RollupsModule,
      ReviewModule,
    ],
    entities: [
      ...ORGANISATION_ENTITIES,
      ...IDENTITY_ENTITIES,
      ...ASSESSMENT_ENTITIES,
      ...NOTIFICATIONS_ENTITIES,
      ...TASK_ENTITIES,
      ...REVIEW_ENTITIES,
    ],
    ...(opts.http ? { http: true } : {}),
  });
  const users = new UserFactory(app.em);
  let n = 0;
  return {
    ...app,
    orgs: new OrgFactory(app.em),
    users,
    assessment: new AssessmentFactory(app.em),
    async expert(spec: ExpertSpec) {
      const user = await users.create('expert', { organisation: spec.affiliation, jurisdiction: spec.affiliation });
      const em = app.em.fork();
      const expert = em.create(Expert, {
        user: em.getReference(User, user.user.id),
        name: spec.name ?? `专家${++n}`,
        affiliation: em.getReference(Organisation, spec.affiliation.id),
        pools: spec.pools ?? ['qualitative'],
        specialties: spec.specialties ?? ['datasets', 'documents', 'services', 'infrastructure', 'effect'],
        vendorTies: spec.vendorTies ?? [],
        unavailable: spec.unavailable ?? [],
      });
      await em.persist(expert).flush();
      return { user, expert };
    },
  };
}
