import { errorsOf, type MessageCatalogue, type MessageTable } from '@hutong/platform-model';
import { DIGEST_HOUR_MAX, DIGEST_HOUR_MIN } from './notifications';

/**
 * The notifications capability's codes (zh/en): its refusals and the texts of the mail it writes (the digest's
 * subject and lines, the footer). The titles and bodies of notifications are the producing capability's codes.
 */
export const NOTIFICATIONS_MESSAGES = {
  'notification.email_mode_invalid': {
    zh: '邮件方式应为不发送、即时或每日摘要',
    en: 'The e-mail mode is off, immediate or digest',
  },
  'notification.lang_invalid': { zh: '语言应为简体中文或英文', en: 'The language is zh-CN or en-US' },
  'notification.digest_hour_invalid': {
    zh: `摘要发送时间应为${DIGEST_HOUR_MIN}–${DIGEST_HOUR_MAX}点的整点`,
    en: `The digest hour is a whole hour from ${DIGEST_HOUR_MIN} to ${DIGEST_HOUR_MAX}`,
  },
  'notification.digest_subject': {
    zh: '互通：您有{count}条未读通知',
    en: 'Hutong: {count} unread notifications',
  },
  'notification.digest_intro': {
    zh: '{name}，您好！以下是自上次摘要以来的未读通知：',
    en: 'Hello {name}, these notifications are unread since the last digest:',
  },
  'notification.digest_more': { zh: '……另有{count}条，请登录互通查看。', en: '… and {count} more in Hutong.' },
  'notification.mail_footer': {
    zh: '此邮件由互通系统自动发送，请勿回复。可在“通知设置”中更改邮件方式。',
    en: 'Sent by Hutong automatically; do not reply. Change how you get e-mail in the notification settings.',
  },
} satisfies MessageTable;

export type NotificationsMessageCode = keyof typeof NOTIFICATIONS_MESSAGES;

export const NOTIFICATIONS_CATALOGUE: MessageCatalogue<typeof NOTIFICATIONS_MESSAGES> = {
  messages: NOTIFICATIONS_MESSAGES,
  labels: { entity: { notification: { zh: '通知', en: 'notification' } } },
};

export const notificationsError = errorsOf(NOTIFICATIONS_MESSAGES);
