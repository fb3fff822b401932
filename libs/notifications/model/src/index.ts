// The notifications capability's contracts, rules and catalogue (framework-free: api, worker and web read them).
export * from './lib/notifications';
export * from './lib/messages';
