// Public surface: the routes (pages stay lazy chunks) and the users api service.
export * from './lib/identity.routes';
export * from './lib/user-api.service';
