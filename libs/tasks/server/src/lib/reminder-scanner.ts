import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import { REMINDER_CHUNK, ReminderSender, type ScanResult } from './reminder-sender';

/**
 * The reminder sender's due-scan (worker only): every REMINDER_SCAN_MS it claims the waiting tasks whose
 * `next_reminder_at` has come (the indexed column TaskService keeps in the same transaction as every change),
 * chunk by chunk, each chunk one transaction with its `task_reminder` rows, its notifications and mails and the
 * tasks' next steps — a worker killed mid-chunk leaves all of a chunk or none of it. PostgreSQL only: Redis
 * being away delays nothing but the live badge.
 */
@Injectable()
export class ReminderScanner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(ReminderScanner.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  chunkSize = REMINDER_CHUNK;

  constructor(
    private readonly em: EntityManager,
    private readonly sender: ReminderSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Scans until no due task is left at `now` (tests pass the instant; the poller passes the clock). */
  async scanOnce(now: Date = new Date()): Promise<ScanResult> {
    const total: ScanResult = { claimed: 0, sent: 0, notifications: 0, deferred: 0 };
    for (;;) {
      const r = await this.em.fork().transactional((tx) => this.sender.scanChunk(tx, now, this.chunkSize));
      total.claimed += r.claimed;
      total.sent += r.sent;
      total.notifications += r.notifications;
      total.deferred += r.deferred;
      if (r.claimed < this.chunkSize) return total;
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.scanOnce()
        .then((r) => {
          if (r.claimed)
            this.log.log(`reminders: ${r.sent} steps, ${r.notifications} notifications, ${r.deferred} deferred`);
        })
        .catch((e: unknown) => this.log.error(`reminder scan: ${(e as Error).message}`))
        .finally(() => {
          this.running = null;
          this.schedule(this.config.reminderScanMs);
        });
    }, delay);
  }
}
