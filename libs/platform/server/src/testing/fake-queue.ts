import type { JobsOptions } from 'bullmq';

export interface RecordedJob<T = unknown> {
  name: string;
  data: T;
  opts: JobsOptions | undefined;
}

/**
 * Stands in for a BullMQ Queue in the in-process tier: it records the jobs added (what a producer is
 * responsible for) and runs nothing. A processor is tested by calling it with a recorded job's data.
 */
export class FakeQueue<T = unknown> {
  readonly jobs: RecordedJob<T>[] = [];
  constructor(readonly name: string) {}

  async add(name: string, data: T, opts?: JobsOptions): Promise<{ id: string; name: string; data: T }> {
    // BullMQ ignores a second add with the same job id: so does the fake
    const id = opts?.jobId ?? String(this.jobs.length + 1);
    if (!opts?.jobId || !this.jobs.some((j) => j.opts?.jobId === opts.jobId)) this.jobs.push({ name, data, opts });
    return { id, name, data };
  }

  async addBulk(jobs: { name: string; data: T; opts?: JobsOptions }[]): Promise<unknown[]> {
    return Promise.all(jobs.map((j) => this.add(j.name, j.data, j.opts)));
  }

  async upsertJobScheduler(): Promise<void> {
    // schedules are the worker's; nothing to record
  }

  async close(): Promise<void> {
    // nothing to close
  }
}
