export * from './lib/base';
export * from './lib/orm.config';
export * from './lib/database.module';
export { MIGRATIONS } from './lib/migrations';
