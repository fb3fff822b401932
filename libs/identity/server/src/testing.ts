// Test data of the identity capability for the in-process tier (never imported by production code).
export * from './testing/user-factory';
