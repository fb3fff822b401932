import { Injectable, inject } from '@angular/core';
import type {
  NotificationPreferencesView,
  NotificationView,
  UnreadCount,
  UpdateNotificationPreferencesRequest,
} from '@hutong/notifications-model';
import type { Paged } from '@hutong/platform-model';
import {
  ApiClient,
  notificationList,
  notificationPreferences,
  notificationRead,
  notificationReadAll,
  notificationUnreadCount,
  notificationUpdatePreferences,
} from '@hutong/platform-web';

export interface NotificationFilter {
  unread: boolean;
  page: number;
  pageSize: number;
}

/** The caller's notifications and preferences, through the client generated from the OpenAPI document. */
@Injectable({ providedIn: 'root' })
export class NotificationApiService {
  private readonly api = inject(ApiClient);

  list(f: NotificationFilter): Promise<Paged<NotificationView>> {
    return this.api.call(notificationList, {
      query: { unread: f.unread || undefined, page: f.page, pageSize: f.pageSize },
    });
  }

  unreadCount(): Promise<UnreadCount> {
    return this.api.call(notificationUnreadCount);
  }

  markRead(id: string): Promise<UnreadCount> {
    return this.api.call(notificationRead, { path: { id } });
  }

  markAllRead(): Promise<UnreadCount> {
    return this.api.call(notificationReadAll);
  }

  preferences(): Promise<NotificationPreferencesView> {
    return this.api.call(notificationPreferences);
  }

  updatePreferences(body: UpdateNotificationPreferencesRequest): Promise<NotificationPreferencesView> {
    return this.api.call(notificationUpdatePreferences, { body });
  }
}
