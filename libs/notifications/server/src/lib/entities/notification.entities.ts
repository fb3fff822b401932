import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import type { MessageParams } from '@hutong/platform-model';
import type { EmailMode, NotificationLang } from '@hutong/notifications-model';
import { DEFAULT_DIGEST_HOUR } from '@hutong/notifications-model';
import { newId } from '@hutong/platform-database';
import { User } from '@hutong/identity-server';

/**
 * One notification of one user: codes and params (rendered when read, in the reader's language), written once
 * per (user, dedupe key) — NotificationService.notify inserts with `on conflict do nothing`.
 */
@Entity({ tableName: 'notification' })
@Unique({ name: 'notification_user_dedupe_unique', properties: ['user', 'dedupeKey'] })
@Index({
  name: 'notification_user_created_index',
  expression: 'create index "notification_user_created_index" on "notification" ("user_id", "created_at" desc)',
})
@Index({
  name: 'notification_unread_index',
  expression:
    'create index "notification_unread_index" on "notification" ("user_id", "created_at" desc) where "read_at" is null',
})
export class Notification {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Property({ type: 'string', length: 100 })
  titleCode!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  bodyCode: string | null = null;

  @Property({ type: 'json' })
  params: MessageParams & Opt = {};

  @Property({ type: 'text', nullable: true })
  link: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  subjectType: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  subjectId: string | null = null;

  @Property({ type: 'text' })
  dedupeKey!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  readAt: Date | null = null;
}

export type MailStatus = 'pending' | 'sent' | 'failed-permanently';

/**
 * The mail outbox: a mail is a row written in the transaction that decided it (a notification, a digest); the
 * worker's MailRelay claims due pending rows and sends them over SMTP. Its Message-ID derives from the row id
 * (`messageIdOf`), so the receiving side can recognise a mail sent twice after a crash.
 */
@Entity({ tableName: 'mail_outbox' })
@Index({
  name: 'mail_outbox_due_index',
  expression: `create index "mail_outbox_due_index" on "mail_outbox" ("next_attempt_at") where "status" = 'pending'`,
})
export class MailOutbox {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Notification, { nullable: true, deleteRule: 'set null' })
  notification: Notification | null = null;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  @Index()
  user!: User;

  @Property({ type: 'string', length: 200 })
  toAddress!: string;

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'text', nullable: true })
  html: string | null = null;

  /** e.g. `digest:<user>:<yyyy-mm-dd>`: one digest per user and Shanghai day */
  @Property({ type: 'text', nullable: true, unique: 'mail_outbox_dedupe_key_unique' })
  dedupeKey: string | null = null;

  @Property({ type: 'string', length: 24 })
  status: MailStatus & Opt = 'pending';

  @Property({ type: 'integer' })
  attempts: number & Opt = 0;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  nextAttemptAt: Date & Opt = new Date();

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  sentAt: Date | null = null;
}

/** A user's choice of e-mail; no row = DEFAULT_PREFERENCES (no mail, Chinese, 08:00). */
@Entity({ tableName: 'notification_preference' })
export class NotificationPreference {
  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  user!: User;

  @Property({ type: 'string', length: 16 })
  emailMode: EmailMode & Opt = 'off';

  @Property({ type: 'string', length: 8 })
  lang: NotificationLang & Opt = 'zh-CN';

  @Property({ type: 'smallint' })
  digestHour: number & Opt = DEFAULT_DIGEST_HOUR;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastDigestAt: Date | null = null;
}

export const NOTIFICATIONS_ENTITIES = [Notification, MailOutbox, NotificationPreference];
