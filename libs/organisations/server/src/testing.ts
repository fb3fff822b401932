// Test data of the organisations capability for the in-process tier (never imported by production code).
export * from './testing/org-factory';

// the api registers every capability's messages at start (apps/api/src/messages.ts); a suite of this capability does too
import { ORGANISATION_CATALOGUE } from '@hutong/organisations-model';
import { registerMessages } from '@hutong/platform-server';
registerMessages(ORGANISATION_CATALOGUE);
