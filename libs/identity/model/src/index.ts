export * from './lib/common-passwords';
export * from './lib/identity';
export * from './lib/password-policy';
export * from './lib/passwords';
export * from './lib/messages';
