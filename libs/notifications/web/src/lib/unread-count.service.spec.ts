import { TestBed } from '@angular/core/testing';
import {
  EVENT_SOURCE_FACTORY,
  UNREAD_STREAM_URL,
  UnreadCountService,
  parseUnread,
  type EventSourceLike,
} from './unread-count.service';

class FakeEventSource implements EventSourceLike {
  static opened: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  onmessage: ((e: MessageEvent<string>) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  onopen: ((e: Event) => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  send(data: string): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }
  /** the browser's own reconnect (readyState CONNECTING) or its giving up (CLOSED) */
  fail(giveUp: boolean): void {
    this.readyState = giveUp ? 2 : 0;
    this.onerror?.(new Event('error'));
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
}

/** the i-th stream the service opened */
function opened(i: number): FakeEventSource {
  const s = FakeEventSource.opened[i];
  if (!s) throw new Error(`no stream #${i}`);
  return s;
}

describe('UnreadCountService', () => {
  let sut: UnreadCountService;

  beforeEach(() => {
    jest.useFakeTimers();
    FakeEventSource.opened = [];
    TestBed.configureTestingModule({
      providers: [{ provide: EVENT_SOURCE_FACTORY, useValue: (url: string) => new FakeEventSource(url) }],
    });
    sut = TestBed.inject(UnreadCountService);
  });

  afterEach(() => {
    sut.disconnect();
    jest.useRealTimers();
  });

  it('opens one stream on the api and follows its counts', () => {
    sut.connect();
    sut.connect();
    expect(FakeEventSource.opened.map((s) => s.url)).toEqual([UNREAD_STREAM_URL]);
    expect(UNREAD_STREAM_URL).toBe('/api/notifications/stream');
    const s = opened(0);
    s.open();
    expect(sut.live()).toBe(true);
    s.send('{"unread":3}');
    expect(sut.count()).toBe(3);
    s.send('{"unread":0}');
    expect(sut.count()).toBe(0);
    s.send('not json');
    s.send('{"unread":-1}');
    expect(sut.count()).toBe(0);
  });

  it('leaves a dropped connection to the browser, and reopens one it gave up on with a growing delay', () => {
    sut.connect();
    const first = opened(0);
    first.fail(false); // EventSource retries by itself
    jest.advanceTimersByTime(120_000);
    expect(FakeEventSource.opened).toHaveLength(1);

    first.fail(true); // e.g. the stream answered 502: closed for good
    expect(first.closed).toBe(true);
    jest.advanceTimersByTime(999);
    expect(FakeEventSource.opened).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(FakeEventSource.opened).toHaveLength(2);
    opened(1).fail(true);
    jest.advanceTimersByTime(1999);
    expect(FakeEventSource.opened).toHaveLength(2);
    jest.advanceTimersByTime(1);
    expect(FakeEventSource.opened).toHaveLength(3);

    // once open again, the delay starts over
    const third = opened(2);
    third.open();
    third.send('{"unread":7}');
    expect(sut.count()).toBe(7);
    third.fail(true);
    jest.advanceTimersByTime(1000);
    expect(FakeEventSource.opened).toHaveLength(4);
  });

  it('closes the stream and stops retrying on disconnect (sign-out)', () => {
    sut.connect();
    const s = opened(0);
    s.fail(true);
    sut.disconnect();
    jest.advanceTimersByTime(120_000);
    expect(FakeEventSource.opened).toHaveLength(1);
    expect(sut.live()).toBe(false);

    sut.connect();
    expect(FakeEventSource.opened).toHaveLength(2);
    sut.disconnect();
    expect(opened(1).closed).toBe(true);
  });

  it('takes a count set by the page at once, never below zero', () => {
    sut.set(4);
    expect(sut.count()).toBe(4);
    sut.set(-2);
    expect(sut.count()).toBe(0);
  });
});

describe('parseUnread', () => {
  it('reads {"unread": n} only', () => {
    expect(parseUnread('{"unread":12}')).toBe(12);
    expect(parseUnread('{"unread":1.5}')).toBeNull();
    expect(parseUnread('{"count":1}')).toBeNull();
    expect(parseUnread(undefined)).toBeNull();
  });
});
