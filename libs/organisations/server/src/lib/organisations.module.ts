import { Module, type OnModuleInit } from '@nestjs/common';
import { AccessResolvers, AuditLabels } from '@hutong/platform-server';
import { Organisation } from './entities/organisation.entity';
import { OrgImport } from './entities/org-import.entity';
import { OrgImportController } from './imports/org-import.controller';
import { OrgImportProcessor } from './imports/org-import.processor';
import { OrgImportRunner } from './imports/org-import.runner';
import { OrgImportService } from './imports/org-import.service';
import { OrgImportWriter } from './imports/org-import.writer';
import { OrganisationController } from './organisation.controller';
import { OrganisationRepository } from './organisation.repository';
import { OrganisationService } from './organisation.service';

/** The organisations capability's entities, for the app's ORM configuration. */
export const ORGANISATION_ENTITIES = [Organisation, OrgImport];

/** Organisations in the api: the tree, lists, export and the import's upload and progress. */
@Module({
  // imports before organisations: "/organisations/imports" must not be taken for "/organisations/:id"
  controllers: [OrgImportController, OrganisationController],
  providers: [OrganisationRepository, OrganisationService, OrgImportService],
  exports: [OrganisationService],
})
export class OrganisationsModule implements OnModuleInit {
  constructor(
    private readonly resolvers: AccessResolvers,
    private readonly labels: AuditLabels,
    private readonly repo: OrganisationRepository,
  ) {}

  onModuleInit(): void {
    this.resolvers.register('organisation', { pathOf: (id) => this.repo.pathOf(id) });
    const names = (ids: string[]) => this.repo.namesOf(ids);
    this.labels.register('organisation', { label: names, ref: names });
    this.labels.register('org_import', { label: (ids) => this.repo.importNamesOf(ids) });
  }
}

/** Organisations in the worker: the import writer. */
@Module({
  providers: [OrgImportWriter, OrgImportRunner, OrgImportProcessor],
})
export class OrganisationsWorkerModule {}
