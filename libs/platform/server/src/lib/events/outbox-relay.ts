import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import { QUEUES, type DomainEventPayload } from '@hutong/platform-model';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';

/**
 * A capability's outbox: rows written in the same transaction as the change they announce. The
 * relay claims a batch of unpublished rows (locked, so that two relays never claim the same row),
 * publishes them, and marks them published in that same transaction.
 */
export interface OutboxSource {
  /** prefix of the job ids (`<name>-<row id>`); no ':' (BullMQ's separator) */
  name: string;
  /** the oldest unpublished events, locked `for update skip locked`, at most `limit` */
  claim(tx: EntityManager, limit: number): Promise<DomainEventPayload[]>;
  markPublished(tx: EntityManager, ids: string[], at: Date): Promise<void>;
}

/** Test seam: runs after a batch is in Redis and before it is marked published (a crash there is the hard case). */
export type AfterPublishHook = (source: string, events: DomainEventPayload[]) => void | Promise<void>;

/** Completed event jobs stay in Redis this long: the window in which a re-publish is recognised as a duplicate. */
export const EVENT_JOB_RETENTION_SECONDS = 14 * 24 * 3600;

export function eventJobId(source: string, id: string): string {
  return `${source}-${id}`;
}

/**
 * The transactional outbox's relay (worker only): publishes every committed event to the
 * domain-events queue exactly once. Each job's id is derived from the event row, so a relay that
 * dies after publishing and before marking re-publishes the same ids on restart, and BullMQ adds
 * them once; an event is marked only after it is in Redis, so none is lost.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(OutboxRelay.name);
  private readonly sources: OutboxSource[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  /** see AfterPublishHook; null in production */
  afterPublish: AfterPublishHook | null = null;
  batchSize = 100;

  constructor(
    private readonly em: EntityManager,
    @InjectQueue(QUEUES.domainEvents) private readonly queue: Queue<DomainEventPayload>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(source: OutboxSource): void {
    if (source.name.includes(':')) throw new Error(`outbox source name must not contain ':' (${source.name})`);
    if (this.sources.some((s) => s.name === source.name))
      throw new Error(`outbox source ${source.name} registered twice`);
    this.sources.push(source);
  }

  /** Starts polling (the worker app); tests call `drain()` instead. */
  onApplicationBootstrap(): void {
    this.start();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Stops polling and waits for the batch in flight to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Publishes until every source is empty; returns how many events were published. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishBatch();
      total += n;
      if (n === 0) return total;
    }
  }

  /** One batch of each source, each in its own transaction; returns how many events were published. */
  async publishBatch(): Promise<number> {
    let n = 0;
    for (const source of this.sources) {
      n += await this.em.fork().transactional(async (tx) => {
        const events = await source.claim(tx, this.batchSize);
        if (!events.length) return 0;
        await this.queue.addBulk(
          events.map((e) => ({
            name: e.topic,
            data: e,
            opts: {
              jobId: eventJobId(source.name, e.id),
              removeOnComplete: { age: EVENT_JOB_RETENTION_SECONDS },
              removeOnFail: { age: EVENT_JOB_RETENTION_SECONDS * 2 },
            },
          })),
        );
        await this.afterPublish?.(source.name, events);
        await source.markPublished(
          tx,
          events.map((e) => e.id),
          new Date(),
        );
        return events.length;
      });
    }
    return n;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .catch((e: unknown) => this.log.error(`outbox relay: ${(e as Error).message}`))
        .finally(() => {
          this.running = null;
          this.schedule(this.config.outboxPollMs);
        });
    }, delay);
  }
}
