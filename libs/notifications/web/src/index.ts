// Public surface: the routes (pages stay lazy chunks), the api service, and the unread count the shell's bell shows.
export * from './lib/notifications.routes';
export * from './lib/notification-api.service';
export * from './lib/unread-count.service';
