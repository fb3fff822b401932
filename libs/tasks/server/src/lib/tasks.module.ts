import { Module, type OnModuleInit } from '@nestjs/common';
import { AccessResolvers, AuditLabels, FileStore, ReferenceChecks } from '@hutong/platform-server';
import { OrganisationsModule } from '@hutong/organisations-server';
import { IdentityModule, IdentityWorkerModule } from '@hutong/identity-server';
import { NotificationsModule, NotificationsWorkerModule } from '@hutong/notifications-server';
import { ReminderScanner } from './reminder-scanner';
import { ReminderSender } from './reminder-sender';
import { AssessmentModule } from '@hutong/assessment-server';
import { RecipientResolver } from './recipients';
import { RollupsModule, RollupsWorkerModule } from './rollups/rollups.module';
import { TaskBatchController, TaskController } from './task.controller';
import { TaskBatchProcessor } from './task-batch.processor';
import { TaskBatchRunner } from './task-batch.runner';
import { TaskRepository } from './task.repository';
import { TaskService } from './task.service';
import { TasksAccess } from './tasks-access';
import { WorkflowTasks, WorkflowTasksSubscription } from './workflow-tasks';

/**
 * Deadline tasks in the api: issuing one or a batch, the lists, the detail and the actions, attachments. Registers
 * the `task` access resolver (its assignee), the audit labels of `task` and `task_batch`, and the reference
 * check that keeps an organisation with tasks from being deleted.
 */
@Module({
  imports: [OrganisationsModule, IdentityModule, NotificationsModule, RollupsModule],
  controllers: [TaskController, TaskBatchController],
  providers: [TaskRepository, TaskService, RecipientResolver, ReminderSender, TasksAccess, FileStore],
  exports: [TaskService],
})
export class TasksModule implements OnModuleInit {
  constructor(
    private readonly resolvers: AccessResolvers,
    private readonly references: ReferenceChecks,
    private readonly labels: AuditLabels,
    private readonly access: TasksAccess,
  ) {}

  onModuleInit(): void {
    this.resolvers.register('task', { pathOf: (id) => this.access.taskPath(id) });
    this.references.register('organisation', (id, tx) => this.access.organisationReference(id, tx));
    this.labels.register('task', { label: (ids) => this.access.taskLabels(ids) });
    this.labels.register('task_batch', { label: (ids) => this.access.batchLabels(ids) });
  }
}

/**
 * Deadline tasks in the worker: the bulk issue's writer (task-batch queue), the workflow's own tasks,
 * subscribed to the assessment's stage events (reading cycles through its CycleService), and the reminder
 * sender's due-scan (`ReminderScanner`, PostgreSQL only; see docs/reminders.md).
 */
@Module({
  imports: [
    OrganisationsModule,
    AssessmentModule,
    IdentityWorkerModule,
    NotificationsWorkerModule,
    RollupsWorkerModule,
  ],
  providers: [
    ReminderSender,
    ReminderScanner,
    TaskRepository,
    RecipientResolver,
    TaskBatchRunner,
    TaskBatchProcessor,
    WorkflowTasks,
    WorkflowTasksSubscription,
  ],
})
export class TasksWorkerModule {}
