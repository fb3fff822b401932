// The tasks capability's public surface: the routes (pages stay lazy chunks) and the api service.
export * from './lib/tasks.routes';
export * from './lib/tasks-api.service';
