import { Module } from '@nestjs/common';
import { DigestService } from './mail/digest.service';
import { MailRelay } from './mail/mail-relay';
import { NotificationBus } from './notification-bus';
import { NotificationController } from './notification.controller';
import { NotificationService } from './notification.service';
import { NotificationStream } from './notification-stream';

export { NOTIFICATIONS_ENTITIES } from './entities/notification.entities';

/**
 * Notifications in the api: the inbox endpoints, the live unread stream (fed by the Redis channel) and
 * `NotificationService.notify` for the other capabilities.
 */
@Module({
  controllers: [NotificationController],
  providers: [NotificationService, NotificationBus, NotificationStream],
  exports: [NotificationService],
})
export class NotificationsModule {}

/**
 * Notifications in the worker: `notify` for its jobs (reminders), the daily digest and the mail outbox's relay
 * (polls every REMINDER_SCAN_MS; sends over SMTP_URL).
 */
@Module({
  providers: [NotificationService, NotificationBus, DigestService, MailRelay],
  exports: [NotificationService],
})
export class NotificationsWorkerModule {}
