import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Paged } from '@hutong/platform-model';
import { AuditService, actorOf, notFound, type Principal } from '@hutong/platform-server';
import {
  DEFAULT_PREFERENCES,
  catalogueLang,
  type NotificationInput,
  type NotificationLang,
  type NotificationPreferencesView,
  type NotificationView,
  type UnreadCount,
  type UpdateNotificationPreferencesRequest,
} from '@hutong/notifications-model';
import type { Lang, MessageParams } from '@hutong/platform-model';
import { renderCode } from '@hutong/platform-server';
import { User } from '@hutong/identity-server';
import { NotificationPreference } from './entities/notification.entities';
import { NotificationBus } from './notification-bus';
import { renderNotificationMail } from './mail/mail-render';

/** Rows per INSERT of `notify` (one JSON parameter each, so the size is bounded by memory, not by parameters). */
export const NOTIFY_CHUNK = 5000;

export interface NotificationListQuery {
  unread?: boolean;
  page?: number;
  pageSize?: number;
}

interface InsertedRow {
  id: string;
  user_id: string;
  title_code: string | null;
  body_code: string | null;
  params: MessageParams | null;
  email: string | null;
  lang: NotificationLang | null;
}

interface NotificationRow {
  id: string;
  title_code: string;
  body_code: string | null;
  params: MessageParams;
  link: string | null;
  subject_type: string | null;
  subject_id: string | null;
  created_at: Date | string;
  read_at: Date | string | null;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/**
 * The notifications: `notify` (what other capabilities call, in their transaction), each user's inbox and their
 * e-mail preferences. A user only ever reads or marks their own rows: every query is bound to the caller's id.
 */
@Injectable()
export class NotificationService implements OnModuleInit {
  /** users whose inbox changed inside a caller's transaction, published once it commits */
  private readonly afterCommit = new WeakMap<object, Set<string>>();

  constructor(
    private readonly em: EntityManager,
    private readonly bus: NotificationBus,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.em.getEventManager().registerSubscriber({
      afterTransactionCommit: ({ transaction }) => {
        const ids = transaction ? this.afterCommit.get(transaction as object) : undefined;
        if (!ids) return;
        this.afterCommit.delete(transaction as object);
        void this.bus.publish(ids);
      },
      afterTransactionRollback: ({ transaction }) => {
        if (transaction) this.afterCommit.delete(transaction as object);
      },
    });
  }

  /**
   * Writes each notification once per (user, dedupe key) — one multi-row `insert … on conflict do nothing` per
   * 5,000 — and, in the same transaction, a mail_outbox row for each new one whose user chose immediate e-mail
   * and has an address (rendered in the user's language). Runs in `em`'s transaction when given (the caller's
   * change and its notifications commit together), else in its own. Returns how many were new; after the commit
   * the api's live streams hear of the users concerned.
   */
  async notify(items: NotificationInput[], em?: EntityManager): Promise<number> {
    if (!items.length) return 0;
    if (em) {
      const { count, userIds } = await this.insert(em, items);
      const trx = em.isInTransaction() ? (em.getTransactionContext() as object | undefined) : undefined;
      if (trx) {
        const pending = this.afterCommit.get(trx) ?? new Set<string>();
        for (const id of userIds) pending.add(id);
        this.afterCommit.set(trx, pending);
      } else await this.bus.publish(userIds);
      return count;
    }
    const { count, userIds } = await this.em.fork().transactional((tx) => this.insert(tx, items));
    await this.bus.publish(userIds);
    return count;
  }

  private async insert(tx: EntityManager, items: NotificationInput[]): Promise<{ count: number; userIds: string[] }> {
    const now = new Date();
    let count = 0;
    const userIds = new Set<string>();
    for (let i = 0; i < items.length; i += NOTIFY_CHUNK) {
      const chunk = items.slice(i, i + NOTIFY_CHUNK).map((n) => ({
        user_id: n.userId,
        title_code: n.titleCode,
        body_code: n.bodyCode ?? null,
        params: n.params ?? {},
        link: n.link ?? null,
        dedupe_key: n.dedupeKey,
        subject_type: n.subjectType ?? null,
        subject_id: n.subjectId ?? null,
      }));
      const rows = await tx.execute<InsertedRow[]>(
        `with input as (
           select * from jsonb_to_recordset(?::jsonb) as t(user_id uuid, title_code text, body_code text,
             params jsonb, link text, dedupe_key text, subject_type text, subject_id text)
         ), ins as (
           insert into notification (id, user_id, title_code, body_code, params, link, subject_type, subject_id,
             dedupe_key, created_at)
           select gen_random_uuid(), user_id, title_code, body_code, coalesce(params, '{}'::jsonb), link,
             subject_type, subject_id, dedupe_key, ?::timestamptz
           from input
           on conflict (user_id, dedupe_key) do nothing
           returning id, user_id, title_code, body_code, params
         )
         select ins.id, ins.user_id, m.title_code, m.body_code, m.params, m.email, m.lang
         from ins
         left join lateral (
           select ins.title_code, ins.body_code, ins.params, u.email, p.lang
           from notification_preference p join app_user u on u.id = p.user_id
           where p.user_id = ins.user_id and p.email_mode = 'immediate' and u.active and coalesce(u.email, '') <> ''
         ) m on true`,
        [JSON.stringify(chunk), now],
      );
      count += rows.length;
      const mails: { notification_id: string; user_id: string; to_address: string; subject: string; text: string }[] =
        [];
      for (const r of rows) {
        userIds.add(r.user_id);
        if (!r.email || !r.title_code) continue;
        const mail = renderNotificationMail(
          renderCode,
          { titleCode: r.title_code, bodyCode: r.body_code, params: r.params ?? {} },
          catalogueLang(r.lang ?? 'zh-CN'),
        );
        mails.push({ notification_id: r.id, user_id: r.user_id, to_address: r.email, ...mail });
      }
      if (mails.length)
        await tx.execute(
          `insert into mail_outbox (id, notification_id, user_id, to_address, subject, text, status, attempts,
             next_attempt_at, created_at)
           select gen_random_uuid(), notification_id, user_id, to_address, subject, text, 'pending', 0,
             ?::timestamptz, ?::timestamptz
           from jsonb_to_recordset(?::jsonb) as t(notification_id uuid, user_id uuid, to_address text, subject text,
             text text)`,
          [now, now, JSON.stringify(mails)],
        );
    }
    return { count, userIds: [...userIds] };
  }

  /** The caller's notifications, newest first; `unread` keeps the unread ones. */
  async list(principal: Principal, q: NotificationListQuery, lang: Lang): Promise<Paged<NotificationView>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const where = `user_id = ?${q.unread ? ' and read_at is null' : ''}`;
    const [countRow] = await this.em.execute<{ n: number }[]>(
      `select count(*)::int as n from notification where ${where}`,
      [principal.id],
    );
    const rows = await this.em.execute<NotificationRow[]>(
      `select id, title_code, body_code, params, link, subject_type, subject_id, created_at, read_at
       from notification where ${where} order by created_at desc, id desc limit ? offset ?`,
      [principal.id, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map((r) => this.view(r, lang)), total: countRow?.n ?? 0, page, pageSize };
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.em
      .fork()
      .execute<
        { n: number }[]
      >('select count(*)::int as n from notification where user_id = ? and read_at is null', [userId]);
    return row?.n ?? 0;
  }

  /** Marks one of the caller's notifications read (404 for anyone else's: it is not visible to them). */
  async markRead(principal: Principal, id: string): Promise<UnreadCount> {
    const rows = await this.em.execute<{ id: string }[]>(
      'update notification set read_at = coalesce(read_at, ?) where id = ? and user_id = ? returning id',
      [new Date(), id, principal.id],
    );
    if (!rows.length) throw notFound('notification');
    await this.bus.publish([principal.id]);
    return { unread: await this.unreadCount(principal.id) };
  }

  async markAllRead(principal: Principal): Promise<UnreadCount> {
    await this.em.execute('update notification set read_at = ? where user_id = ? and read_at is null', [
      new Date(),
      principal.id,
    ]);
    await this.bus.publish([principal.id]);
    return { unread: await this.unreadCount(principal.id) };
  }

  async preferences(principal: Principal): Promise<NotificationPreferencesView> {
    const em = this.em.fork();
    const [pref, user] = await Promise.all([
      em.findOne(NotificationPreference, { user: principal.id }),
      em.findOne(User, principal.id),
    ]);
    return this.preferencesView(pref, user?.email ?? null);
  }

  /** Saves the caller's preferences, with an audit entry in the same transaction. */
  async updatePreferences(
    principal: Principal,
    dto: UpdateNotificationPreferencesRequest,
  ): Promise<NotificationPreferencesView> {
    return this.em.fork().transactional(async (tx) => {
      const user = await tx.findOneOrFail(User, principal.id);
      let pref = await tx.findOne(NotificationPreference, { user: principal.id });
      const before = this.preferencesView(pref, null);
      pref ??= tx.create(NotificationPreference, { user });
      pref.emailMode = dto.emailMode;
      pref.lang = dto.lang;
      pref.digestHour = dto.digestHour;
      tx.persist(pref);
      const after = this.preferencesView(pref, user.email);
      this.audit.record(tx, actorOf(principal), {
        action: 'notification.preferences_update',
        entityType: 'user',
        entityId: principal.id,
        before: { emailMode: before.emailMode, lang: before.lang, digestHour: before.digestHour },
        after: { emailMode: after.emailMode, lang: after.lang, digestHour: after.digestHour },
      });
      return after;
    });
  }

  private preferencesView(pref: NotificationPreference | null, email: string | null): NotificationPreferencesView {
    return {
      emailMode: pref?.emailMode ?? DEFAULT_PREFERENCES.emailMode,
      lang: pref?.lang ?? DEFAULT_PREFERENCES.lang,
      digestHour: pref?.digestHour ?? DEFAULT_PREFERENCES.digestHour,
      email: email || null,
    };
  }

  private view(r: NotificationRow, lang: Lang): NotificationView {
    return {
      id: r.id,
      titleCode: r.title_code,
      bodyCode: r.body_code,
      params: r.params,
      title: renderCode(r.title_code, r.params, lang),
      body: r.body_code ? renderCode(r.body_code, r.params, lang) : null,
      link: r.link,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      createdAt: iso(r.created_at) as string,
      readAt: iso(r.read_at),
    };
  }
}
