// The tasks capability's rules and contracts (framework-free: api, worker and web read them).
export * from './lib/contracts';
export * from './lib/reminders';
export * from './lib/dashboard';
export * from './lib/rules';
export * from './lib/messages';
