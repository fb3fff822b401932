import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import { MAIL_MAX_ATTEMPTS, mailBackoffMs } from '@hutong/notifications-model';
import { DigestService } from './digest.service';
import { uuidArray } from '../sql-arrays';
import { messageIdOf } from './mail-render';

interface ClaimedMail {
  id: string;
  to_address: string;
  subject: string;
  text: string;
  html: string | null;
  attempts: number;
}

export interface RelayResult {
  sent: number;
  failed: number;
}

/** Parallel SMTP connections of the pooled transport. */
export const SMTP_MAX_CONNECTIONS = 10;

/**
 * Sends the mail outbox (worker only). Every `REMINDER_SCAN_MS` it queues the digests that are due, then — when
 * SMTP_URL is set — claims the due pending rows in batches (`for update skip locked`: two workers never claim
 * the same row), hands them to the pooled SMTP transport in parallel and, in the same transaction, marks each sent
 * or schedules its retry with exponential back-off (`mailBackoffMs`); after MAIL_MAX_ATTEMPTS tries a row is
 * `failed-permanently` and keeps its last error. SMTP down: the rows wait, nothing is lost; SMTP back: each is
 * sent once (a worker killed between sending and committing sends that batch again, with the same Message-IDs).
 * Like the outbox relay, it polls PostgreSQL and does not need Redis.
 */
@Injectable()
export class MailRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(MailRelay.name);
  private transport: Transporter | null = null;
  private transportUrl = '';
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  batchSize = 500;

  constructor(
    private readonly em: EntityManager,
    private readonly digests: DigestService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts polling (the worker app); tests call `tick()` / `drain()` instead. */
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
    this.closeTransport();
  }

  /** One poll: the due digests, then the due mail. */
  async tick(now: Date = new Date()): Promise<RelayResult> {
    await this.digests.run(now);
    return this.drain();
  }

  /** Sends batches until none is due; nothing is claimed without SMTP_URL. */
  async drain(): Promise<RelayResult> {
    const total: RelayResult = { sent: 0, failed: 0 };
    if (!this.config.smtpUrl) return total;
    for (;;) {
      const r = await this.sendBatch();
      total.sent += r.sent;
      total.failed += r.failed;
      if (r.sent + r.failed < this.batchSize) return total;
    }
  }

  /** Claims up to `batchSize` due rows, sends them in parallel, records each outcome; one transaction. */
  async sendBatch(): Promise<RelayResult> {
    const transport = this.transporter();
    return this.em.fork().transactional(async (tx) => {
      const now = new Date();
      const rows = await tx.execute<ClaimedMail[]>(
        `select id, to_address, subject, text, html, attempts from mail_outbox
         where status = 'pending' and next_attempt_at <= ?
         order by next_attempt_at limit ? for update skip locked`,
        [now, this.batchSize],
      );
      if (!rows.length) return { sent: 0, failed: 0 };
      const outcomes = await Promise.allSettled(
        rows.map((r) =>
          transport.sendMail({
            from: this.config.mailFrom,
            to: r.to_address,
            subject: r.subject,
            text: r.text,
            html: r.html ?? undefined,
            messageId: messageIdOf(r.id, this.config.mailFrom),
          }),
        ),
      );
      const done = new Date();
      const sent: string[] = [];
      const failed: { id: string; status: string; next_attempt_at: string; last_error: string }[] = [];
      outcomes.forEach((o, i) => {
        const row = rows[i] as ClaimedMail;
        if (o.status === 'fulfilled') sent.push(row.id);
        else {
          const attempts = row.attempts + 1;
          failed.push({
            id: row.id,
            status: attempts >= MAIL_MAX_ATTEMPTS ? 'failed-permanently' : 'pending',
            next_attempt_at: new Date(done.getTime() + mailBackoffMs(attempts)).toISOString(),
            last_error: String((o.reason as Error)?.message ?? o.reason).slice(0, 1000),
          });
        }
      });
      if (sent.length)
        await tx.execute(
          `update mail_outbox set status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = null
           where id = any(?::uuid[])`,
          [done, uuidArray(sent)],
        );
      if (failed.length) {
        await tx.execute(
          `update mail_outbox m set status = f.status, attempts = m.attempts + 1,
             next_attempt_at = f.next_attempt_at, last_error = f.last_error
           from jsonb_to_recordset(?::jsonb) as f(id uuid, status text, next_attempt_at timestamptz, last_error text)
           where m.id = f.id`,
          [JSON.stringify(failed)],
        );
        this.log.warn(`mail: ${failed.length} of ${rows.length} not sent (${failed[0]?.last_error}); will retry`);
        // a fresh pool next time (its connections may be dead)
        this.closeTransport();
      }
      return { sent: sent.length, failed: failed.length };
    });
  }

  private transporter(): Transporter {
    if (this.transport && this.transportUrl === this.config.smtpUrl) return this.transport;
    this.closeTransport();
    this.transportUrl = this.config.smtpUrl;
    this.transport = createTransport({
      url: this.config.smtpUrl,
      pool: true,
      maxConnections: SMTP_MAX_CONNECTIONS,
      maxMessages: Infinity,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as Parameters<typeof createTransport>[0]);
    return this.transport;
  }

  private closeTransport(): void {
    this.transport?.close();
    this.transport = null;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((e: unknown) => this.log.error(`mail relay: ${(e as Error).message}`))
        .finally(() => {
          this.running = null;
          this.schedule(this.config.reminderScanMs);
        });
    }, delay);
  }
}
