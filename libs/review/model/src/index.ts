// The expert-review capability's rules and contracts (framework-free: api, worker and web read them).
export * from './lib/contracts';
export * from './lib/conflicts';
export * from './lib/assignment';
export * from './lib/consensus';
export * from './lib/agenda';
export * from './lib/conformance';
export * from './lib/messages';
export * from './lib/views';
export * from './lib/service-messages';
export * from './lib/reminders';
export * from './lib/sheet-items';
