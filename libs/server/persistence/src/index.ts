export * from './lib/server-persistence.module';
