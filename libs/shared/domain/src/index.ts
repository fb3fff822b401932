export * from './lib/organisations';
export * from './lib/access';
