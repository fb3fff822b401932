import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  DIGEST_HOUR_MAX,
  DIGEST_HOUR_MIN,
  EMAIL_MODES,
  NOTIFICATION_LANGS,
  type EmailMode,
  type NotificationLang,
  type UpdateNotificationPreferencesRequest,
} from '@hutong/notifications-model';
import { PageField, PageSizeField } from '@hutong/platform-server';

const BOOLEANS: Record<string, boolean> = { true: true, '1': true, false: false, '0': false };

export class NotificationListQueryDto {
  @ApiPropertyOptional({ description: 'only the unread ones' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && value in BOOLEANS ? BOOLEANS[value] : value))
  @IsBoolean()
  unread?: boolean;

  @PageField()
  page?: number;

  @PageSizeField(100, 20)
  pageSize?: number;
}

export class UpdateNotificationPreferencesDto implements UpdateNotificationPreferencesRequest {
  @ApiProperty({ enum: EMAIL_MODES })
  @IsIn(EMAIL_MODES, { message: 'notification.email_mode_invalid' })
  emailMode!: EmailMode;

  @ApiProperty({ enum: NOTIFICATION_LANGS })
  @IsIn(NOTIFICATION_LANGS, { message: 'notification.lang_invalid' })
  lang!: NotificationLang;

  @ApiProperty({ minimum: DIGEST_HOUR_MIN, maximum: DIGEST_HOUR_MAX, description: 'Asia/Shanghai hour of the digest' })
  @IsInt({ message: 'notification.digest_hour_invalid' })
  @Min(DIGEST_HOUR_MIN, { message: 'notification.digest_hour_invalid' })
  @Max(DIGEST_HOUR_MAX, { message: 'notification.digest_hour_invalid' })
  digestHour!: number;
}
