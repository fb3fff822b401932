export * from './lib/enums';
export * from './lib/api';
export * from './lib/queues';
export * from './lib/assessment';
