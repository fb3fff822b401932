export * from './lib/access';
export * from './lib/api';
export * from './lib/dates';
export * from './lib/hierarchy';
export * from './lib/queues';
export * from './lib/roles';
export * from './lib/zip';
