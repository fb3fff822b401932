import { formatInTimeZone } from 'date-fns-tz';
import { SHANGHAI, shanghaiDate, type Lang, type MessageParams } from '@hutong/platform-model';

/** How a user wants e-mail: none, one mail per notification, or one daily digest of the unread ones. */
export const EMAIL_MODES = ['off', 'immediate', 'digest'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/** The language of a user's mail (the inbox follows the UI's language). */
export const NOTIFICATION_LANGS = ['zh-CN', 'en-US'] as const;
export type NotificationLang = (typeof NOTIFICATION_LANGS)[number];

/** The catalogue language of a preference language. */
export function catalogueLang(lang: NotificationLang): Lang {
  return lang === 'en-US' ? 'en' : 'zh';
}

/**
 * The digest goes out at the user's hour (Asia/Shanghai), never at night: between 22:00 and 08:00 nothing is
 * sent, so the hours a user may choose are 8…21.
 */
export const DIGEST_HOUR_MIN = 8;
export const DIGEST_HOUR_MAX = 21;
export const DEFAULT_DIGEST_HOUR = 8;

/** What a user gets without having chosen: no mail, Chinese, the digest at 08:00. */
export const DEFAULT_PREFERENCES: NotificationPreferences = {
  emailMode: 'off',
  lang: 'zh-CN',
  digestHour: DEFAULT_DIGEST_HOUR,
};

export interface NotificationPreferences {
  emailMode: EmailMode;
  lang: NotificationLang;
  /** 8…21, Asia/Shanghai */
  digestHour: number;
}

export type UpdateNotificationPreferencesRequest = NotificationPreferences;

/** The preferences as the user sees them, with the address mail goes to (their account's e-mail, or null: no mail). */
export interface NotificationPreferencesView extends NotificationPreferences {
  email: string | null;
}

/** One notification in a user's inbox; `title` and `body` rendered from their codes in the request's language. */
export interface NotificationView {
  id: string;
  titleCode: string;
  bodyCode: string | null;
  params: MessageParams;
  title: string;
  body: string | null;
  /** a path inside the web app (`/applications/…`), or null */
  link: string | null;
  subjectType: string | null;
  subjectId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface UnreadCount {
  unread: number;
}

/** What a producer hands to NotificationService.notify. */
export interface NotificationInput {
  userId: string;
  titleCode: string;
  bodyCode?: string | null;
  params: MessageParams;
  link?: string | null;
  /** unique per user: notifying twice with the same key writes once (e.g. `task:<id>:reminder:3d`) */
  dedupeKey: string;
  subjectType?: string | null;
  subjectId?: string | null;
}

/** The hour (0…23) of an instant in Asia/Shanghai. */
export function shanghaiHour(at: Date): number {
  return Number(formatInTimeZone(at, SHANGHAI, 'H'));
}

/**
 * Whether a user's digest is due at `now`: it is their hour or later that Shanghai day, before 22:00, and no
 * digest went out that day yet (one per user and day).
 */
export function isDigestDue(now: Date, digestHour: number, lastDigestAt: Date | null): boolean {
  const hour = shanghaiHour(now);
  if (hour < Math.max(digestHour, DIGEST_HOUR_MIN) || hour > DIGEST_HOUR_MAX) return false;
  return lastDigestAt === null || shanghaiDate(lastDigestAt) < shanghaiDate(now);
}

/** A mail that failed this many times is failed-permanently (and stays visible in mail_outbox). */
export const MAIL_MAX_ATTEMPTS = 12;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 6 * 3600_000;

/** The wait before the next try after `attempts` failed ones: 30 s, 1 min, 2 min … at most 6 h. */
export function mailBackoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}
