// Test data of the review capability for the in-process tier (never imported by production code).
export * from './testing/review-app';

// the api registers every capability's messages at start (apps/api/src/messages.ts); a suite of this capability does too
import { ASSESSMENT_CATALOGUE } from '@hutong/assessment-model';
import { REVIEW_CATALOGUE } from '@hutong/review-model';
import { TASKS_CATALOGUE } from '@hutong/tasks-model';
import { registerMessages } from '@hutong/platform-server';
registerMessages(ASSESSMENT_CATALOGUE, TASKS_CATALOGUE, REVIEW_CATALOGUE);
