import { startTestApp, type TestApp } from '@hutong/platform-server/testing';
import { IDENTITY_ENTITIES, IdentityModule } from '@hutong/identity-server';
import { ORGANISATION_ENTITIES, OrganisationsModule } from '@hutong/organisations-server';
import { ASSESSMENT_ENTITIES, AssessmentModule } from '@hutong/assessment-server';
import { NOTIFICATIONS_ENTITIES, NotificationsModule } from '@hutong/notifications-server';
import { ReminderScanner } from '../lib/reminder-scanner';
import { ReminderSender } from '../lib/reminder-sender';
import { OrgFactory } from '@hutong/organisations-server/testing';
import { UserFactory } from '@hutong/identity-server/testing';
import { AssessmentFactory } from '@hutong/assessment-server/testing';
import { TASK_ENTITIES } from '../lib/entities/task.entities';
import { TasksModule } from '../lib/tasks.module';
import { RollupsModule } from '../lib/rollups/rollups.module';
import { RecipientResolver } from '../lib/recipients';
import { TaskRepository } from '../lib/task.repository';
import { TaskBatchRunner } from '../lib/task-batch.runner';
import { WorkflowTasks } from '../lib/workflow-tasks';
import { TaskFactory } from './task-factory';

export interface TasksTestApp extends TestApp {
  orgs: OrgFactory;
  users: UserFactory;
  assessment: AssessmentFactory;
  tasks: TaskFactory;
}

/**
 * The api's capabilities with tasks (organisations, identity, assessment, tasks), plus the tasks' worker parts
 * without their BullMQ processor: `t.service(TaskBatchRunner).run(batchId)` runs a queued batch,
 * `t.service(WorkflowTasks).handle(event)` delivers a stage event as the worker's subscriber does, and
 * `reminderScannerOf(t).scanOnce(now)` runs the reminders' due-scan (built here, so it never polls), with the
 * notifications capability in the app.
 */
export async function startTasksApp(): Promise<TasksTestApp> {
  const app = await startTestApp({
    imports: [IdentityModule, OrganisationsModule, AssessmentModule, NotificationsModule, TasksModule, RollupsModule],
    entities: [
      ...ORGANISATION_ENTITIES,
      ...IDENTITY_ENTITIES,
      ...ASSESSMENT_ENTITIES,
      ...NOTIFICATIONS_ENTITIES,
      ...TASK_ENTITIES,
    ],
    providers: [TaskRepository, RecipientResolver, ReminderSender, TaskBatchRunner, WorkflowTasks],
  });
  return {
    ...app,
    orgs: new OrgFactory(app.em),
    users: new UserFactory(app.em),
    assessment: new AssessmentFactory(app.em),
    tasks: new TaskFactory(app.em),
  };
}

/** The worker's due-scan on a test app, not started (call `scanOnce(now)`). */
export function reminderScannerOf(t: TestApp): ReminderScanner {
  return new ReminderScanner(t.em, t.service(ReminderSender), t.config);
}
