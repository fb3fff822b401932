// Test data of the assessment capability for the in-process tier (never imported by production code).
export * from './testing/assessment-factory';
export * from './testing/assessment-app';

// the api registers every capability's messages at start (apps/api/src/messages.ts); a suite of this capability does too
import { ASSESSMENT_CATALOGUE } from '@hutong/assessment-model';
import { registerMessages } from '@hutong/platform-server';
registerMessages(ASSESSMENT_CATALOGUE);
