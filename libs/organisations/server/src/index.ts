// The organisations capability's public surface: its modules, its service, and its entities (for
// the app's ORM configuration and for other capabilities' foreign keys).
export * from './lib/organisations.module';
export { OrganisationService } from './lib/organisation.service';
export { Organisation } from './lib/entities/organisation.entity';
export { OrgImport } from './lib/entities/org-import.entity';
export { OrgImportWriter } from './lib/imports/org-import.writer';
export type { OrgNode } from './lib/organisation.repository';
export type { OrgMatch, OrgMatchRow } from './lib/organisation.repository';
export { readTable, TableFormatError, TableLimitError } from './lib/imports/table-parser';
