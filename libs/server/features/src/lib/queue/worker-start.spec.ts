import { describe, expect, it, jest } from '@jest/globals';
import type { Worker } from 'bullmq';
/** Where @Processor keeps its worker options (@nestjs/bullmq's WORKER_METADATA). */
const WORKER_METADATA = 'bullmq:worker_metadata';
import { loadConfig } from '@hutong/server-config';
import { OrgImportProcessor } from '../imports/org-import.processor';
import type { OrgImportRunner } from '../imports/org-import.runner';
import { MaintenanceProcessor } from '../maintenance/maintenance.processor';
import type { EntityManager } from '@mikro-orm/postgresql';

// the processors' database side is not under test (and MikroORM is ESM-only): stand-ins
jest.mock('@mikro-orm/postgresql', () => ({ EntityManager: class EntityManager {} }));
jest.mock('@hutong/server-persistence', () => ({
  OrgImport: class OrgImport {},
  Organisation: class Organisation {},
  Session: class Session {},
  AuditEntry: class AuditEntry {},
}));

const config = loadConfig({
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hutong',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  WORKER_CONCURRENCY: '7',
});

function fakeWorker() {
  const worker = { name: 'q', concurrency: 1, run: jest.fn(() => Promise.resolve()) };
  return worker;
}

describe('worker concurrency (WORKER_CONCURRENCY)', () => {
  it.each([
    ['org-import', () => new OrgImportProcessor({} as OrgImportRunner, config), OrgImportProcessor],
    ['maintenance', () => new MaintenanceProcessor({} as EntityManager, config), MaintenanceProcessor],
  ] as const)('the %s worker waits for the configuration, then runs with its concurrency', (_n, make, type) => {
    // not started when the worker is created: the decorator cannot know the configuration yet
    expect(Reflect.getMetadata(WORKER_METADATA, type)).toMatchObject({ autorun: false });
    const processor = make();
    const worker = fakeWorker();
    (processor as unknown as { _worker: Worker })._worker = worker as unknown as Worker;
    processor.onApplicationBootstrap();
    expect(worker.concurrency).toBe(7);
    expect(worker.run).toHaveBeenCalledTimes(1);
  });
});
