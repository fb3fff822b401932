// Test helpers of the notifications capability (never imported by production code): a real SMTP server on
// loopback that collects what it receives, and a factory for preferences.
export * from './testing/smtp-sink';
export * from './testing/notification-factory';

// the api registers every capability's messages at start (apps/api/src/messages.ts); a suite of this capability does too
import { NOTIFICATIONS_CATALOGUE } from '@hutong/notifications-model';
import { registerMessages } from '@hutong/platform-server';
registerMessages(NOTIFICATIONS_CATALOGUE);
export * from './testing/notifications-app';
export { MailRelay } from './lib/mail/mail-relay';
export { DigestService } from './lib/mail/digest.service';
export { NotificationBus } from './lib/notification-bus';
export { NotificationStream } from './lib/notification-stream';
