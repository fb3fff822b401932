import { describe, expect, it, jest } from '@jest/globals';
import type { Logger } from '@nestjs/common';
import type { Worker } from 'bullmq';
import { loadConfig } from '@hutong/platform-config';
import { DEFERRED_START, startWorker } from './worker-start';

const config = loadConfig({
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hutong',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  WORKER_CONCURRENCY: '7',
});

describe('worker concurrency (WORKER_CONCURRENCY)', () => {
  it('processors are declared not to start on creation (the decorator cannot know the configuration yet)', () => {
    expect(DEFERRED_START).toEqual({ autorun: false, lockDuration: 10_000, stalledInterval: 5_000 });
  });

  it('startWorker gives the worker the configured concurrency, then starts it once', () => {
    const worker = { name: 'q', concurrency: 1, run: jest.fn(() => Promise.resolve()) };
    startWorker(worker as unknown as Worker, config, { error: jest.fn() } as unknown as Logger);
    expect(worker.concurrency).toBe(7);
    expect(worker.run).toHaveBeenCalledTimes(1);
  });

  it('a worker that stops is logged, not thrown away silently', async () => {
    const error = jest.fn();
    const worker = { name: 'q', concurrency: 1, run: jest.fn(() => Promise.reject(new Error('boom'))) };
    startWorker(worker as unknown as Worker, config, { error } as unknown as Logger);
    await new Promise((r) => setImmediate(r));
    expect(error).toHaveBeenCalledWith('worker q stopped: boom');
  });
});
