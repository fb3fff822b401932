// The review capability's public surface: its modules, its services and its entities.
export * from './lib/meeting-notice';
export * from './lib/conformance-file';
