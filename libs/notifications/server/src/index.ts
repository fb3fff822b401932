// The notifications capability's public surface: its modules, the service other capabilities call, its entities.
export * from './lib/notifications.module';
export { NotificationService, NOTIFY_CHUNK } from './lib/notification.service';
export type { NotificationInput } from '@hutong/notifications-model';
export { Notification, MailOutbox, NotificationPreference } from './lib/entities/notification.entities';
export type { MailStatus } from './lib/entities/notification.entities';
