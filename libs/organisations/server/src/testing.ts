// Test data of the organisations capability for the in-process tier (never imported by production code).
export * from './testing/org-factory';
