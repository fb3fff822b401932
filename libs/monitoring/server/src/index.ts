// The monitoring capability's public surface: its modules, its services and its entities.
export * from './lib/entities/monitoring.entities';
export { MonitoringModule, MonitoringWorkerModule } from './lib/monitoring.module';
export { MONITORING_INGEST_PATH } from './lib/monitoring.controller';
export { MetricsService } from './lib/metrics.service';
export { CatalogueService, seedDefaultCatalogues } from './lib/catalogue.service';
export { IngestionService } from './lib/ingestion.service';
export { ConnectionService } from './lib/connection.service';
