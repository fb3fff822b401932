// Test data of the monitoring capability for the in-process tier (never imported by production code).
export * from './testing/monitoring-app';

// the api registers every capability's messages at start (apps/api/src/messages.ts); a suite of this capability does too
import { MONITORING_CATALOGUE } from '@hutong/monitoring-model';
import { registerMessages } from '@hutong/platform-server';
registerMessages(MONITORING_CATALOGUE);
