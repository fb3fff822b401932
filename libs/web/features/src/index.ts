export * from './lib/web-features/web-features';
