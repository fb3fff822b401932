import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { shanghaiDate, type MessageParams } from '@hutong/platform-model';
import { catalogueLang, isDigestDue, type NotificationLang } from '@hutong/notifications-model';
import { renderCode } from '@hutong/platform-server';
import { uuidArray } from '../sql-arrays';
import { renderDigestMail } from './mail-render';

/** At most this many notifications are listed in one digest; the rest are counted. */
export const DIGEST_LIST_LIMIT = 20;
const USERS_PER_BATCH = 200;

interface DueRow {
  user_id: string;
  lang: NotificationLang;
  digest_hour: number;
  last_digest_at: Date | string | null;
  email: string;
  display_name: string;
}

interface UnreadRow {
  user_id: string;
  title_code: string;
  body_code: string | null;
  params: MessageParams;
  total: number;
}

/**
 * The daily digest (run by the worker's MailRelay at each poll): for every user with email mode `digest` whose
 * hour has come (Asia/Shanghai, 08:00–21:59), one mail listing the notifications still unread since their last
 * digest. Once per user and Shanghai day: the user's preference row is locked and its `last_digest_at` set in
 * the transaction that queues the mail, and the mail's dedupe key `digest:<user>:<date>` is unique. A day with
 * nothing unread sends nothing (and counts as that day's digest).
 */
@Injectable()
export class DigestService {
  constructor(private readonly em: EntityManager) {}

  /** Queues the digests due at `now`; returns how many mails it queued. */
  async run(now: Date = new Date()): Promise<number> {
    let queued = 0;
    for (;;) {
      const { users, mails } = await this.em.fork().transactional((tx) => this.batch(tx, now));
      queued += mails;
      if (users < USERS_PER_BATCH) return queued;
    }
  }

  private async batch(tx: EntityManager, now: Date): Promise<{ users: number; mails: number }> {
    const due = await tx.execute<DueRow[]>(
      `select p.user_id, p.lang, p.digest_hour, p.last_digest_at, u.email, u.display_name
       from notification_preference p join app_user u on u.id = p.user_id
       where p.email_mode = 'digest' and u.active and coalesce(u.email, '') <> ''
         and extract(hour from ?::timestamptz at time zone 'Asia/Shanghai') between greatest(p.digest_hour, 8) and 21
         and (p.last_digest_at is null
              or (p.last_digest_at at time zone 'Asia/Shanghai')::date < (?::timestamptz at time zone 'Asia/Shanghai')::date)
       order by p.user_id
       limit ?
       for update of p skip locked`,
      [now, now, USERS_PER_BATCH],
    );
    // the rule is the model's (isDigestDue); the SQL above only narrows the rows to lock
    const users = due.filter((u) =>
      isDigestDue(now, u.digest_hour, u.last_digest_at === null ? null : new Date(u.last_digest_at)),
    );
    if (!users.length) return { users: due.length, mails: 0 };
    const unread = await tx.execute<UnreadRow[]>(
      `select user_id, title_code, body_code, params, total from (
         select n.user_id, n.title_code, n.body_code, n.params, n.created_at,
           row_number() over (partition by n.user_id order by n.created_at desc, n.id desc) as rn,
           count(*) over (partition by n.user_id)::int as total
         from notification n join notification_preference p on p.user_id = n.user_id
         where n.user_id = any(?::uuid[]) and n.read_at is null
           and (p.last_digest_at is null or n.created_at > p.last_digest_at)
       ) x where rn <= ? order by user_id, created_at desc`,
      [uuidArray(users.map((u) => u.user_id)), DIGEST_LIST_LIMIT],
    );
    const byUser = new Map<string, UnreadRow[]>();
    for (const r of unread) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
    const day = shanghaiDate(now);
    const mails = users.flatMap((u) => {
      const rows = byUser.get(u.user_id);
      if (!rows?.length) return [];
      const mail = renderDigestMail(
        renderCode,
        u.display_name,
        rows.map((r) => ({ titleCode: r.title_code, bodyCode: r.body_code, params: r.params })),
        rows[0]?.total ?? rows.length,
        catalogueLang(u.lang),
      );
      return [{ user_id: u.user_id, to_address: u.email, dedupe_key: `digest:${u.user_id}:${day}`, ...mail }];
    });
    let inserted = 0;
    if (mails.length) {
      const rows = await tx.execute<{ id: string }[]>(
        `insert into mail_outbox (id, user_id, to_address, subject, text, dedupe_key, status, attempts,
           next_attempt_at, created_at)
         select gen_random_uuid(), user_id, to_address, subject, text, dedupe_key, 'pending', 0, ?::timestamptz,
           ?::timestamptz
         from jsonb_to_recordset(?::jsonb) as t(user_id uuid, to_address text, subject text, text text, dedupe_key text)
         on conflict (dedupe_key) do nothing
         returning id`,
        [now, now, JSON.stringify(mails)],
      );
      inserted = rows.length;
    }
    await tx.execute('update notification_preference set last_digest_at = ? where user_id = any(?::uuid[])', [
      now,
      uuidArray(users.map((u) => u.user_id)),
    ]);
    return { users: due.length, mails: inserted };
  }
}
