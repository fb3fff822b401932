// The tasks capability's public surface: its modules, its service and its entities.
export * from './lib/tasks.module';
export { TaskService } from './lib/task.service';
export { TaskBatchRunner } from './lib/task-batch.runner';
export { WorkflowTasks } from './lib/workflow-tasks';
export * from './lib/entities/task.entities';
