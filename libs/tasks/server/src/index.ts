// The tasks capability's public surface: its modules, its service, its entities and the rollups (the dashboards' counters).
export * from './lib/tasks.module';
export { TaskService } from './lib/task.service';
export { TaskBatchRunner } from './lib/task-batch.runner';
export { WorkflowTasks } from './lib/workflow-tasks';
export * from './lib/entities/task.entities';
export { RollupCount, RollupDirty } from './lib/rollups/rollup.entity';
export { RollupsModule, RollupsWorkerModule } from './lib/rollups/rollups.module';
export { RollupService, ROLLUP_DEBOUNCE_MS, type RollupCheck } from './lib/rollups/rollup.service';
