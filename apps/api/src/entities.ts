import { MONITORING_ENTITIES } from '@hutong/monitoring-server';
import { ASSESSMENT_ENTITIES } from '@hutong/assessment-server';
import { IDENTITY_ENTITIES } from '@hutong/identity-server';
import { ORGANISATION_ENTITIES } from '@hutong/organisations-server';
import { NOTIFICATIONS_ENTITIES } from '@hutong/notifications-server';
import { PLATFORM_ENTITIES } from '@hutong/platform-server';
import { REVIEW_ENTITIES } from '@hutong/review-server';
import { TASK_ENTITIES } from '@hutong/tasks-server';

/** Every capability's entities: what this app's ORM knows. */
export const ENTITIES = [
  ...PLATFORM_ENTITIES,
  ...ORGANISATION_ENTITIES,
  ...IDENTITY_ENTITIES,
  ...ASSESSMENT_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...TASK_ENTITIES,
  ...REVIEW_ENTITIES,
  ...MONITORING_ENTITIES,
];
