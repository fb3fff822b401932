import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NotificationBus } from './notification-bus';
import { NotificationService } from './notification.service';

/** A comment line this often keeps proxies from closing an idle stream. */
export const HEARTBEAT_MS = 25_000;

/**
 * The api's live unread count (GET /api/notifications/stream): sends `{unread: n}` at connect, then again
 * whenever the bus names the user and the count differs from the last one sent; a heartbeat comment; on close it
 * unsubscribes and stops its timer. The browser's EventSource reconnects by itself (`retry: 5000`).
 */
@Injectable()
export class NotificationStream implements OnApplicationShutdown {
  private readonly log = new Logger(NotificationStream.name);
  private readonly open_ = new Set<() => void>();
  heartbeatMs = HEARTBEAT_MS;

  constructor(
    private readonly bus: NotificationBus,
    private readonly notifications: NotificationService,
  ) {}

  open(userId: string, req: Request, res: Response): void {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 5000\n\n');

    let closed = false;
    let last: number | null = null;
    let reading: Promise<void> = Promise.resolve();
    const send = () => {
      // one read at a time, in order: the last count written is the newest
      reading = reading.then(async () => {
        if (closed) return;
        try {
          const unread = await this.notifications.unreadCount(userId);
          if (closed || unread === last) return;
          last = unread;
          res.write(`data: ${JSON.stringify({ unread })}\n\n`);
        } catch (e) {
          this.log.warn(`notification stream: ${(e as Error).message}`);
        }
      });
    };
    const unsubscribe = this.bus.listen(userId, send);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), this.heartbeatMs);
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      this.open_.delete(close);
      res.end();
    };
    this.open_.add(close);
    req.on('close', close);
    send();
  }

  /** How many streams are open (a closed one is gone). */
  openCount(): number {
    return this.open_.size;
  }

  onApplicationShutdown(): void {
    for (const close of [...this.open_]) close();
  }
}
