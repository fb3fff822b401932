export * from './lib/entities';
export * from './lib/orm.config';
export * from './lib/persistence.module';
