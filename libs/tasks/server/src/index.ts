// The tasks capability's public surface: its entities, the rollups (the dashboards' counters) and their modules.
export * from './lib/entities/task.entities';
export { RollupCount, RollupDirty } from './lib/rollups/rollup.entity';
export { RollupsModule, RollupsWorkerModule } from './lib/rollups/rollups.module';
export { RollupService, ROLLUP_DEBOUNCE_MS, type RollupCheck } from './lib/rollups/rollup.service';
