// Test data of the identity capability for the in-process tier (never imported by production code).
export * from './testing/user-factory';

// the api registers every capability's messages at start (apps/api/src/messages.ts); a suite of this capability does too
import { IDENTITY_CATALOGUE } from '@hutong/identity-model';
import { registerMessages } from '@hutong/platform-server';
registerMessages(IDENTITY_CATALOGUE);
