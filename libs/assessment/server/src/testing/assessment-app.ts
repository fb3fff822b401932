import { startTestApp, type TestApp } from '@hutong/platform-server/testing';
import { IDENTITY_ENTITIES, IdentityModule } from '@hutong/identity-server';
import { ORGANISATION_ENTITIES, OrganisationsModule } from '@hutong/organisations-server';
import { OrgFactory } from '@hutong/organisations-server/testing';
import { UserFactory } from '@hutong/identity-server/testing';
import { ASSESSMENT_ENTITIES, AssessmentModule } from '../lib/assessment.module';
import { AssessmentFactory } from './assessment-factory';

export interface AssessmentTestApp extends TestApp {
  orgs: OrgFactory;
  users: UserFactory;
  assessment: AssessmentFactory;
}

/** The api's capabilities as apps/api composes them (organisations, identity, assessment), for one suite. */
export async function startAssessmentApp(): Promise<AssessmentTestApp> {
  const app = await startTestApp({
    imports: [IdentityModule, OrganisationsModule, AssessmentModule],
    entities: [...ORGANISATION_ENTITIES, ...IDENTITY_ENTITIES, ...ASSESSMENT_ENTITIES],
  });
  return {
    ...app,
    orgs: new OrgFactory(app.em),
    users: new UserFactory(app.em),
    assessment: new AssessmentFactory(app.em),
  };
}
