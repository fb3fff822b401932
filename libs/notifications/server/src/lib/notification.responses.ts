import { ApiProperty } from '@nestjs/swagger';
import {
  EMAIL_MODES,
  NOTIFICATION_LANGS,
  type EmailMode,
  type NotificationLang,
  type NotificationPreferencesView,
  type NotificationView,
  type UnreadCount,
} from '@hutong/notifications-model';
import type { MessageParams } from '@hutong/platform-model';
import { PagedDto } from '@hutong/platform-server';

export class NotificationViewDto implements NotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'task.reminder_due' }) titleCode!: string;
  @ApiProperty({ type: String, nullable: true }) bodyCode!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    description: 'the values the texts name',
  })
  params!: MessageParams;
  @ApiProperty({ description: 'the title rendered in the language of Accept-Language' }) title!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the body rendered likewise' }) body!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'a path of the web app' }) link!: string | null;
  @ApiProperty({ type: String, nullable: true }) subjectType!: string | null;
  @ApiProperty({ type: String, nullable: true }) subjectId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt!: string | null;
}

export class NotificationPageDto extends PagedDto(NotificationViewDto) {}

export class UnreadCountDto implements UnreadCount {
  @ApiProperty({ minimum: 0 }) unread!: number;
}

export class NotificationPreferencesViewDto implements NotificationPreferencesView {
  @ApiProperty({ enum: EMAIL_MODES }) emailMode!: EmailMode;
  @ApiProperty({ enum: NOTIFICATION_LANGS }) lang!: NotificationLang;
  @ApiProperty({ minimum: 8, maximum: 21 }) digestHour!: number;
  @ApiProperty({ type: String, nullable: true, description: 'the account’s e-mail; null: no mail can be sent' })
  email!: string | null;
}
