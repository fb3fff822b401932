import { Module, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AccessResolvers, AuditLabels } from '@hutong/platform-server';
import { TasksModule } from '@hutong/tasks-server';
import { BulletinService } from './bulletin.service';
import { OrganisationsModule } from '@hutong/organisations-server';
import { MonApiKey, MonBulletin, MonCatalogue, MonImport } from './entities/monitoring.entities';
import { ApiKeyGuard, ApiKeyService } from './api-keys';
import { CatalogueService } from './catalogue.service';
import { ConnectionService } from './connection.service';
import { IngestionService } from './ingestion.service';
import { MetricsService } from './metrics.service';
import { BulletinController, IngestController, MonitoringController } from './monitoring.controller';
import { RegionalSchemeReader } from './regional-scheme';
import { StatisticsImportProcessor, StatisticsImportRunner, StatisticsImportService } from './statistics-import';
import { StatisticsRepository } from './statistics.repository';
import { TableDictionary } from './table-dictionary';

const CORE = [
  StatisticsRepository,
  TableDictionary,
  IngestionService,
  CatalogueService,
  ConnectionService,
  RegionalSchemeReader,
  MetricsService,
];

/**
 * The connectivity monitoring in the api: table catalogues and requirements, the statistics (machine api with api
 * keys, file imports queued for the worker), connection status and 卫统 volumes, the metrics of a scope and of an
 * institution, bulletins with their documents and rectification tasks (through the tasks capability's TaskService).
 * Reads organisations through OrganisationService; registers the `mon_bulletin` access resolver (its scope) and the
 * audit labels of its entities.
 */
@Module({
  imports: [OrganisationsModule, TasksModule],
  controllers: [MonitoringController, BulletinController, IngestController],
  providers: [...CORE, ApiKeyService, ApiKeyGuard, StatisticsImportService, BulletinService],
  exports: [MetricsService, CatalogueService, IngestionService, BulletinService],
})
export class MonitoringModule implements OnModuleInit {
  constructor(
    private readonly labels: AuditLabels,
    private readonly resolvers: AccessResolvers,
    private readonly bulletins: BulletinService,
    private readonly em: EntityManager,
  ) {}

  onModuleInit(): void {
    this.resolvers.register('mon_bulletin', { pathOf: (id) => this.bulletins.pathOf(id) });
    this.labels.register('mon_bulletin', {
      label: async (ids) =>
        new Map(
          (await this.em.fork().find(MonBulletin, { id: { $in: ids } })).map((b) => [
            b.id,
            `${b.title}（第${b.version}版）`,
          ]),
        ),
    });
    this.labels.register('mon_catalogue', {
      label: async (ids) =>
        new Map(
          (await this.em.fork().find(MonCatalogue, { id: { $in: ids } })).map((c) => [c.id, `${c.name} v${c.version}`]),
        ),
    });
    this.labels.register('mon_api_key', {
      label: async (ids) =>
        new Map((await this.em.fork().find(MonApiKey, { id: { $in: ids } })).map((k) => [k.id, k.name])),
    });
    this.labels.register('mon_import', {
      label: async (ids) =>
        new Map((await this.em.fork().find(MonImport, { id: { $in: ids } })).map((i) => [i.id, i.fileName])),
    });
  }
}

/** The monitoring in the worker: the statistics file import's writer. */
@Module({
  imports: [OrganisationsModule],
  providers: [...CORE, StatisticsImportRunner, StatisticsImportProcessor],
})
export class MonitoringWorkerModule {}
