import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import { QUEUES, type RollupPayload } from '@hutong/platform-model';
import { OrganisationService } from '@hutong/organisations-server';
import { ApplicationStats } from '@hutong/assessment-server';
import { RollupRepository, type RollupRow } from './rollup.repository';

/** How long changes are gathered before one flush recomputes the organisations they touched. */
export const ROLLUP_DEBOUNCE_MS = 1000;
/** Most organisations one flush transaction recomputes (a flush loops until none is dirty). */
const FLUSH_CHUNK = 2000;

export interface RollupCheck {
  rows: number;
  mismatches: number;
  /** a few of the disagreeing keys, for the log */
  examples: string[];
  checkedAt: string;
}

const keyOf = (r: Pick<RollupRow, 'organisationId' | 'scope' | 'metric' | 'bucket'>): string =>
  `${r.organisationId}|${r.scope}|${r.metric}|${r.bucket}`;

/**
 * The dashboards' counters. A change marks the organisations it touched dirty (in its own transaction) and
 * asks for a flush; the flush job — debounced and deduplicated in BullMQ (one waiting, one running at most) —
 * recomputes those organisations' own counters from the live tables. Every ten minutes `verify` recomputes all
 * of them, compares with what the flushes kept, and repairs any difference (which it reports).
 */
@Injectable()
export class RollupService {
  private readonly log = new Logger(RollupService.name);
  constructor(
    private readonly em: EntityManager,
    private readonly repo: RollupRepository,
    private readonly orgs: OrganisationService,
    private readonly applications: ApplicationStats,
    @InjectQueue(QUEUES.rollups) private readonly queue: Queue<RollupPayload>,
  ) {}

  /** Marks organisations dirty in the caller's transaction; call `requestFlush` after it commits. */
  markDirty(tx: EntityManager, orgIds: string[]): Promise<void> {
    return this.repo.markDirty(tx, [...new Set(orgIds)]);
  }

  /** Asks the worker for a flush (debounced: changes within ROLLUP_DEBOUNCE_MS share one). */
  async requestFlush(): Promise<void> {
    try {
      await this.queue.add(
        'flush',
        { kind: 'flush' },
        { delay: ROLLUP_DEBOUNCE_MS, deduplication: { id: 'rollups-flush', keepLastIfActive: true } },
      );
    } catch (e) {
      // Redis down: the marks are in the database; the next flush or the periodic check takes them
      this.log.warn(`rollup flush not queued: ${(e as Error).message}`);
    }
  }

  /** Marks and flushes at once (for changes made outside a request, e.g. by the worker's event handlers). */
  async touch(orgIds: string[]): Promise<void> {
    if (!orgIds.length) return;
    await this.em.fork().transactional((tx) => this.markDirty(tx, orgIds));
    await this.requestFlush();
  }

  /** Recomputes the dirty organisations, a chunk per transaction, until none is left. Returns how many. */
  async flush(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.em.fork().transactional(async (tx) => {
        const ids = await this.repo.takeDirty(tx, FLUSH_CHUNK);
        if (ids.length) await this.repo.replace(tx, ids, await this.compute(ids, tx));
        return ids.length;
      });
      total += n;
      if (n < FLUSH_CHUNK) return total;
    }
  }

  /** The counters of these organisations (all when null), from the live tables. */
  async compute(orgIds: string[] | null, em: EntityManager = this.em): Promise<RollupRow[]> {
    // one after the other on the caller's connection: a flush holds one connection, never waits for a second
    const tasks = await this.repo.taskCounts(orgIds, em);
    const applications = await this.applications.stageCounts(orgIds, em);
    const counted = [
      ...tasks,
      ...applications.map((a) => ({
        organisationId: a.organisationId,
        scope: a.cycleId,
        metric: 'application',
        bucket: a.state,
        value: a.n,
      })),
    ];
    const paths = await this.orgs.pathsOf(orgIds ?? [...new Set(counted.map((r) => r.organisationId))]);
    // an organisation deleted meanwhile has no path and no counters
    return counted.flatMap((r) => {
      const path = paths.get(r.organisationId);
      return path === undefined ? [] : [{ ...r, path }];
    });
  }

  /** Recomputes every counter, compares with the stored ones, and stores the recomputed ones. */
  async verify(): Promise<RollupCheck> {
    return this.em.fork().transactional(async (tx) => {
      // the check's snapshot must not race a flush: take every dirty mark, then compare
      await tx.execute('lock table rollup_count in share row exclusive mode');
      const fresh = await this.compute(null, tx);
      const stored = await this.repo.all(tx);
      const dirty = new Set(await this.repo.takeDirty(tx, Number.MAX_SAFE_INTEGER));
      const want = new Map(fresh.map((r) => [keyOf(r), r]));
      const have = new Map(stored.map((r) => [keyOf(r), r]));
      const examples: string[] = [];
      let mismatches = 0;
      for (const key of new Set([...want.keys(), ...have.keys()])) {
        const a = want.get(key);
        const b = have.get(key);
        // organisations still marked dirty were simply not flushed yet: not a disagreement
        const row = a ?? b;
        if (!row || dirty.has(row.organisationId)) continue;
        if (a?.value !== b?.value || a?.path !== b?.path) {
          mismatches++;
          if (examples.length < 5) examples.push(`${key}: kept ${b?.value ?? '-'}, recomputed ${a?.value ?? '-'}`);
        }
      }
      await this.repo.replace(tx, null, fresh);
      const check = { rows: fresh.length, mismatches, examples, checkedAt: new Date().toISOString() };
      if (mismatches)
        this.log.warn(`rollups disagreed with a full recompute on ${mismatches} counters: ${examples.join('; ')}`);
      return check;
    });
  }
}
