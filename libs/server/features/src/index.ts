export * from './lib/api-features.module';
export * from './lib/worker-features.module';
export * from './lib/seed/seed';
export * from './lib/common/principal';
