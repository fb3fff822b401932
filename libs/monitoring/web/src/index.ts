// The monitoring capability's public surface: the routes (pages stay lazy chunks).
export * from './lib/monitoring.routes';
