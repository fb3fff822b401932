import { Migration20261122024926 } from './Migration20261122024926';

// Every migration, in order. Bundled apps cannot glob .ts files: list each one here.
export const MIGRATIONS = [{ name: 'Migration20261122024926', class: Migration20261122024926 }];
