import { ASSESSMENT_CATALOGUE } from '@hutong/assessment-model';
import { IDENTITY_CATALOGUE } from '@hutong/identity-model';
import { NOTIFICATIONS_CATALOGUE } from '@hutong/notifications-model';
import { ORGANISATION_CATALOGUE } from '@hutong/organisations-model';
import { registerMessages } from '@hutong/platform-server';
import { TASKS_CATALOGUE } from '@hutong/tasks-model';
import { REVIEW_CATALOGUE } from '@hutong/review-model';
import { MONITORING_CATALOGUE } from '@hutong/monitoring-model';

/**
 * The capabilities' zh/en message catalogues, composed by the app as it composes their entities (the
 * platform's own are always there). Every code a server raises must have its texts here (scripts/i18n-check.mjs).
 */
export const MESSAGE_CATALOGUES = [
  ORGANISATION_CATALOGUE,
  IDENTITY_CATALOGUE,
  ASSESSMENT_CATALOGUE,
  NOTIFICATIONS_CATALOGUE,
  TASKS_CATALOGUE,
  REVIEW_CATALOGUE,
  MONITORING_CATALOGUE,
];

registerMessages(...MESSAGE_CATALOGUES);
