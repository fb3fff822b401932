export * from './lib/organisations';
export * from './lib/access';
export * from './lib/demo-province';
export * from './lib/assessment';
export * from './lib/zip';
export * from './lib/password-policy';
export * from './lib/common-passwords';
