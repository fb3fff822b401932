import type { EntityManager } from '@mikro-orm/postgresql';
import type { EmailMode, NotificationLang } from '@hutong/notifications-model';

/** Writes preferences straight to the database (the service's rules are what the tests check). */
export class NotificationFactory {
  constructor(private readonly em: EntityManager) {}

  async preferences(
    userId: string,
    p: { emailMode: EmailMode; lang?: NotificationLang; digestHour?: number; lastDigestAt?: Date | null },
  ): Promise<void> {
    await this.em.getConnection().execute(
      `insert into notification_preference (user_id, email_mode, lang, digest_hour, last_digest_at)
       values (?, ?, ?, ?, ?)
       on conflict (user_id) do update set email_mode = excluded.email_mode, lang = excluded.lang,
         digest_hour = excluded.digest_hour, last_digest_at = excluded.last_digest_at`,
      [userId, p.emailMode, p.lang ?? 'zh-CN', p.digestHour ?? 8, p.lastDigestAt ?? null],
    );
  }

  /** Gives a user an e-mail address (the account's, which identity owns). */
  async email(userId: string, email: string | null): Promise<void> {
    await this.em.getConnection().execute('update app_user set email = ? where id = ?', [email, userId]);
  }
}
