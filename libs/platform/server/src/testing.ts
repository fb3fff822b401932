// The in-process test tier's harness (never imported by production code): a database per suite copied from a
// template migrated once per run, a Nest testing module of the real capability modules on it, fake queues and
// a fixed clock. See docs/architecture.md, "Tests".
export * from './testing/test-database';
export * from './testing/test-app';
export * from './testing/fake-queue';
export * from './testing/clock';
export * from './testing/refused';
