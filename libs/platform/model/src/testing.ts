// Test helpers (never imported by production code): build real ZIP / Office files in memory.
export * from './lib/testing/zip-writer';
