import { Migration20261122024926 } from './Migration20261122024926';
import { Migration20261122032545 } from './Migration20261122032545';
import { Migration20261123010000 } from './Migration20261123010000';
import { Migration20261201230000 } from './Migration20261201230000';
import { Migration20261202010000 } from './Migration20261202010000';
import { Migration20261202090000 } from './Migration20261202090000';
import { Migration20261202100000 } from './Migration20261202100000';
import { Migration20261202110000 } from './Migration20261202110000';
import { Migration20261202120000 } from './Migration20261202120000';
import { Migration20261202170000 } from './Migration20261202170000';
import { Migration20261202180000 } from './Migration20261202180000';
import { Migration20261203120000 } from './Migration20261203120000';
import { Migration20261203130000 } from './Migration20261203130000';

// Every migration, in order. Bundled apps cannot glob .ts files: list each one here.
export const MIGRATIONS = [
  { name: 'Migration20261122024926', class: Migration20261122024926 },
  { name: 'Migration20261122032545', class: Migration20261122032545 },
  { name: 'Migration20261123010000', class: Migration20261123010000 },
  { name: 'Migration20261201230000', class: Migration20261201230000 },
  { name: 'Migration20261202010000', class: Migration20261202010000 },
  { name: 'Migration20261202090000', class: Migration20261202090000 },
  { name: 'Migration20261202100000', class: Migration20261202100000 },
  { name: 'Migration20261202110000', class: Migration20261202110000 },
  { name: 'Migration20261202120000', class: Migration20261202120000 },
  { name: 'Migration20261202170000', class: Migration20261202170000 },
  { name: 'Migration20261202180000', class: Migration20261202180000 },
  { name: 'Migration20261203120000', class: Migration20261203120000 },
  { name: 'Migration20261203130000', class: Migration20261203130000 },
];
