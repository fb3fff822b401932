import { Injectable, InjectionToken, inject, signal, type OnDestroy } from '@angular/core';
import { notificationStreamUnread, operationUrl } from '@hutong/platform-web';

/** The stream's address (GET /api/notifications/stream, server-sent events of `{ unread }`). */
export const UNREAD_STREAM_URL = operationUrl(notificationStreamUnread);

/** What the service needs of EventSource (a test passes a fake). */
export interface EventSourceLike {
  readonly readyState: number;
  onmessage: ((e: MessageEvent<string>) => void) | null;
  onerror: ((e: Event) => void) | null;
  onopen: ((e: Event) => void) | null;
  close(): void;
}

export const EVENT_SOURCE_FACTORY = new InjectionToken<(url: string) => EventSourceLike>('EVENT_SOURCE_FACTORY', {
  providedIn: 'root',
  factory: () => (url: string) => new EventSource(url, { withCredentials: true }),
});

/** EventSource.CLOSED: the browser gave up (an answer that is not a stream, e.g. 401) and will not retry itself. */
const CLOSED = 2;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 60_000;

/**
 * The signed-in user's unread count, live: an EventSource on the api's stream sets it at connect and on every
 * change. The browser reconnects by itself after a dropped connection; when it gives up (the stream answered
 * with an error) this service opens a new one after 1 s, 2 s, 4 s … at most a minute, until `disconnect()`.
 */
@Injectable({ providedIn: 'root' })
export class UnreadCountService implements OnDestroy {
  private readonly create = inject(EVENT_SOURCE_FACTORY);
  private source: EventSourceLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private wanted = false;

  readonly count = signal(0);
  /** true while the stream is open */
  readonly live = signal(false);

  connect(): void {
    this.wanted = true;
    if (this.source || this.retryTimer) return;
    this.open();
  }

  disconnect(): void {
    this.wanted = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.source?.close();
    this.source = null;
    this.live.set(false);
  }

  /** Sets the count at once (after the user marked something read; the stream confirms it). */
  set(unread: number): void {
    this.count.set(Math.max(0, unread));
  }

  ngOnDestroy(): void {
    this.disconnect();
  }

  private open(): void {
    const source = this.create(UNREAD_STREAM_URL);
    this.source = source;
    source.onopen = () => {
      this.failures = 0;
      this.live.set(true);
    };
    source.onmessage = (e) => {
      const unread = parseUnread(e.data);
      if (unread !== null) this.count.set(unread);
    };
    source.onerror = () => {
      this.live.set(false);
      if (source.readyState !== CLOSED || !this.wanted) return;
      source.close();
      if (this.source === source) this.source = null;
      const delay = Math.min(RETRY_MIN_MS * 2 ** this.failures++, RETRY_MAX_MS);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (this.wanted) this.open();
      }, delay);
    };
  }
}

/** `{"unread":3}` → 3; anything else → null. */
export function parseUnread(data: unknown): number | null {
  if (typeof data !== 'string') return null;
  try {
    const v = JSON.parse(data) as { unread?: unknown };
    return typeof v.unread === 'number' && Number.isInteger(v.unread) && v.unread >= 0 ? v.unread : null;
  } catch {
    return null;
  }
}
