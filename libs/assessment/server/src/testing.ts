// Test data of the assessment capability for the in-process tier (never imported by production code).
export * from './testing/assessment-factory';
export * from './testing/assessment-app';
