import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';

/** The Redis channel on which the writers of notifications (api and worker) name the users whose inbox changed. */
export const UNREAD_CHANNEL = 'hutong:notifications:changed';

export type InboxListener = () => void;

/**
 * Tells every api process whose users' inboxes changed: `publish(userIds)` after the change committed, and an
 * api process `listen(userId, …)`s for the users it streams to (GET /api/notifications/stream). The message is
 * only a nudge — the listener reads the count from PostgreSQL — so a lost one costs a late badge, never a wrong
 * one. Both connections are opened on first use (the OpenAPI print-out and suites that never stream open none).
 */
@Injectable()
export class NotificationBus implements OnApplicationShutdown {
  private readonly log = new Logger(NotificationBus.name);
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;
  private subscribed: Promise<void> | null = null;
  private readonly listeners = new Map<string, Set<InboxListener>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Never throws: with Redis away, the streams catch up at their next change or reconnect. */
  async publish(userIds: Iterable<string>): Promise<void> {
    const ids = [...new Set(userIds)];
    if (!ids.length) return;
    this.publisher ??= new Redis(this.config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await this.publisher.publish(UNREAD_CHANNEL, JSON.stringify(ids));
    } catch (e) {
      this.log.warn(`notifications: could not publish inbox changes: ${(e as Error).message}`);
    }
  }

  /** Calls `listener` whenever `userId`'s inbox changes (in any process); returns the unsubscribe. */
  listen(userId: string, listener: InboxListener): () => void {
    this.ensureSubscribed();
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(userId);
    };
  }

  /** How many listeners are registered (for tests: a closed stream leaves none). */
  listenerCount(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  /** Resolves once the subscription is active (tests wait for it before writing). */
  ready(): Promise<void> {
    this.ensureSubscribed();
    return this.subscribed ?? Promise.resolve();
  }

  private ensureSubscribed(): void {
    if (this.subscriber) return;
    // ioredis queues the subscribe until connected and subscribes again after every reconnect
    const sub = new Redis(this.config.redisUrl, { maxRetriesPerRequest: null });
    this.subscriber = sub;
    this.subscribed = sub.subscribe(UNREAD_CHANNEL).then(
      () => undefined,
      (e: unknown) => this.log.warn(`notifications: could not subscribe: ${(e as Error).message}`),
    );
    sub.on('error', (e: Error) => this.log.warn(`notifications: Redis subscriber: ${e.message}`));
    sub.on('message', (_channel: string, message: string) => {
      let ids: unknown;
      try {
        ids = JSON.parse(message);
      } catch {
        return;
      }
      if (!Array.isArray(ids)) return;
      for (const id of ids) {
        for (const l of this.listeners.get(String(id)) ?? []) {
          try {
            l();
          } catch (e) {
            this.log.warn(`notifications: listener failed: ${(e as Error).message}`);
          }
        }
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.listeners.clear();
    await Promise.all(
      [this.publisher, this.subscriber].map((r) => (r ? r.quit().catch(() => r.disconnect()) : undefined)),
    );
    this.publisher = this.subscriber = null;
  }
}
