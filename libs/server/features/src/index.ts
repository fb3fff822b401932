export * from './lib/server-features.module';
