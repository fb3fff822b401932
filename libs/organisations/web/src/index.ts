// Public surface: the routes (pages stay lazy chunks) and the api service other capabilities' pages use.
export * from './lib/organisations.routes';
export * from './lib/org-api.service';
