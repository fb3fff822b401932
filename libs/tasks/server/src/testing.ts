// Test data of the tasks capability for the in-process tier (never imported by production code).
export * from './testing/task-factory';
export * from './testing/tasks-app';

// the api registers every capability's messages at start (apps/api/src/messages.ts); a suite of this capability does too
import { TASKS_CATALOGUE } from '@hutong/tasks-model';
import { registerMessages } from '@hutong/platform-server';
registerMessages(TASKS_CATALOGUE);
