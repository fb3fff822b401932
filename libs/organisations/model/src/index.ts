export * from './lib/contracts';
export * from './lib/demo-province';
export * from './lib/enums';
export * from './lib/organisations';
export * from './lib/messages';
