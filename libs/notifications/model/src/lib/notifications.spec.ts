import { formatMessage, LANGS } from '@hutong/platform-model';
import {
  catalogueLang,
  DIGEST_HOUR_MAX,
  isDigestDue,
  MAIL_MAX_ATTEMPTS,
  mailBackoffMs,
  shanghaiHour,
} from './notifications';
import { NOTIFICATIONS_CATALOGUE, NOTIFICATIONS_MESSAGES } from './messages';

describe('the digest hour (Asia/Shanghai)', () => {
  // 2026-12-02T00:30Z is 08:30 in Shanghai
  const at830 = new Date('2026-12-02T00:30:00Z');

  it('reads the Shanghai hour of an instant', () => {
    expect(shanghaiHour(at830)).toBe(8);
    expect(shanghaiHour(new Date('2026-12-02T15:59:59Z'))).toBe(23);
  });

  it('is due from the hour on, once per Shanghai day', () => {
    expect(isDigestDue(at830, 8, null)).toBe(true);
    expect(isDigestDue(at830, 9, null)).toBe(false);
    // last digest yesterday 09:00 Shanghai
    expect(isDigestDue(at830, 8, new Date('2026-12-01T01:00:00Z'))).toBe(true);
    // already today at 08:05
    expect(isDigestDue(at830, 8, new Date('2026-12-02T00:05:00Z'))).toBe(false);
  });

  it('never at night: not from 22:00, not before 08:00, whatever the stored hour', () => {
    expect(isDigestDue(new Date('2026-12-02T14:00:00Z'), 8, null)).toBe(false); // 22:00
    expect(isDigestDue(new Date('2026-12-01T23:00:00Z'), 0, null)).toBe(false); // 07:00
    expect(isDigestDue(new Date('2026-12-02T13:59:00Z'), DIGEST_HOUR_MAX, null)).toBe(true); // 21:59
  });

  it('counts days in Shanghai: yesterday 20:00 there is another day', () => {
    // last digest 2026-12-01 20:00 Shanghai; now 2026-12-02 08:30 Shanghai (= 2026-12-02T00:30Z)
    expect(isDigestDue(at830, 8, new Date('2026-12-01T12:00:00Z'))).toBe(true);
  });
});

describe('mail retries', () => {
  it('back off exponentially from 30 s, capped at 6 h', () => {
    expect(mailBackoffMs(1)).toBe(30_000);
    expect(mailBackoffMs(2)).toBe(60_000);
    expect(mailBackoffMs(5)).toBe(480_000);
    expect(mailBackoffMs(MAIL_MAX_ATTEMPTS)).toBe(6 * 3600_000);
    for (let a = 1; a < 20; a++) expect(mailBackoffMs(a + 1)).toBeGreaterThanOrEqual(mailBackoffMs(a));
  });
});

describe('the catalogue', () => {
  it('has zh and en for every code with the same placeholders', () => {
    const ph = (s: string) => [...s.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
    for (const [code, entry] of Object.entries(NOTIFICATIONS_MESSAGES)) {
      expect(`${code}:${entry.zh.length > 0}:${entry.en.length > 0}`).toBe(`${code}:true:true`);
      expect(ph(entry.zh)).toEqual(ph(entry.en));
    }
  });

  it('renders the digest subject in both languages', () => {
    const e = NOTIFICATIONS_CATALOGUE.messages['notification.digest_subject'];
    expect(LANGS.map((l) => formatMessage(e[l], { count: 3 }, l))).toEqual([
      '互通：您有3条未读通知',
      'Hutong: 3 unread notifications',
    ]);
  });

  it('maps preference languages to catalogue languages', () => {
    expect(catalogueLang('zh-CN')).toBe('zh');
    expect(catalogueLang('en-US')).toBe('en');
  });
});
