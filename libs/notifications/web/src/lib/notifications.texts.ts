import type { TextBundle } from '@hutong/platform-web';
import { NOTIFICATIONS_CATALOGUE } from '@hutong/notifications-model';

/** The notification pages' texts (loaded with their routes; the shell's bell uses core texts). Chinese is the source; English must have every key. */
export const NOTIFICATIONS_ZH = {
  'title.notifications': '通知',
  'title.notificationPreferences': '通知设置',
  'notifications.title': '我的通知',
  'notifications.filterAll': '全部',
  'notifications.filterUnread': '仅看未读',
  'notifications.markRead': '标为已读',
  'notifications.markAllRead': '全部标为已读',
  'notifications.markAllConfirm': '确定将全部通知标为已读吗？',
  'notifications.empty': '暂无通知',
  'notifications.emptyUnread': '没有未读通知',
  'notifications.unread': '未读',
  'notifications.read': '已读',
  'notifications.open': '查看',
  'notifications.time': '时间',
  'notifications.content': '内容',
  'notifications.preferences': '通知设置',
  'prefs.title': '通知设置',
  'prefs.emailMode': '邮件通知',
  'prefs.mode.off': '不发送邮件',
  'prefs.mode.immediate': '每条通知即时发送',
  'prefs.mode.digest': '每日摘要',
  'prefs.lang': '邮件语言',
  'prefs.langZh': '简体中文',
  'prefs.langEn': 'English',
  'prefs.digestHour': '摘要发送时间',
  'prefs.digestHourHint': '北京时间整点发送，仅含上次摘要以来的未读通知；22:00至次日8:00不发送',
  'prefs.digestHourInvalid': '请选择8–21点之间的整点',
  'prefs.emailTo': '邮件将发送至 {email}',
  'prefs.noEmail': '您的账号没有登记邮箱，暂时不会收到邮件。请联系系统管理员补充邮箱。',
  'prefs.back': '返回通知',
} as const;

export type NotificationsTextKey = keyof typeof NOTIFICATIONS_ZH;

export const NOTIFICATIONS_EN: Record<keyof typeof NOTIFICATIONS_ZH, string> = {
  'title.notifications': 'Notifications',
  'title.notificationPreferences': 'Notification settings',
  'notifications.title': 'My notifications',
  'notifications.filterAll': 'All',
  'notifications.filterUnread': 'Unread only',
  'notifications.markRead': 'Mark read',
  'notifications.markAllRead': 'Mark all read',
  'notifications.markAllConfirm': 'Mark all notifications read?',
  'notifications.empty': 'No notifications',
  'notifications.emptyUnread': 'No unread notifications',
  'notifications.unread': 'Unread',
  'notifications.read': 'Read',
  'notifications.open': 'Open',
  'notifications.time': 'Time',
  'notifications.content': 'Notification',
  'notifications.preferences': 'Notification settings',
  'prefs.title': 'Notification settings',
  'prefs.emailMode': 'E-mail',
  'prefs.mode.off': 'No e-mail',
  'prefs.mode.immediate': 'One e-mail per notification',
  'prefs.mode.digest': 'Daily digest',
  'prefs.lang': 'Language of the e-mail',
  'prefs.langZh': '简体中文',
  'prefs.langEn': 'English',
  'prefs.digestHour': 'Digest time',
  'prefs.digestHourHint':
    'On the hour, Beijing time, with what is unread since the last digest; nothing is sent from 22:00 to 08:00',
  'prefs.digestHourInvalid': 'Choose a whole hour from 8 to 21',
  'prefs.emailTo': 'E-mail goes to {email}',
  'prefs.noEmail': 'Your account has no e-mail address, so no e-mail is sent. Ask an administrator to add one.',
  'prefs.back': 'Back to notifications',
};

export const NOTIFICATIONS_TEXTS: TextBundle = {
  name: 'notifications',
  zh: NOTIFICATIONS_ZH,
  en: NOTIFICATIONS_EN,
  messages: [NOTIFICATIONS_CATALOGUE],
};

declare module '@hutong/platform-web' {
  // the keys above type-check wherever this lib's texts are (see TextKeys)
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
  interface TextKeys extends Record<NotificationsTextKey, true> {}
}
