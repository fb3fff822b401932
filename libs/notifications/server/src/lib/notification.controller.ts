import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ROLES, langFromAcceptLanguage, type Paged } from '@hutong/platform-model';
import type { NotificationPreferencesView, NotificationView, UnreadCount } from '@hutong/notifications-model';
import { Access, ApiErrors, CurrentUser, type AccessRule, type Principal } from '@hutong/platform-server';
import { NotificationListQueryDto, UpdateNotificationPreferencesDto } from './notification.dto';
import { NotificationPageDto, NotificationPreferencesViewDto, UnreadCountDto } from './notification.responses';
import { NotificationService } from './notification.service';
import { NotificationStream } from './notification-stream';

/** Every signed-in role has an inbox; each endpoint acts on the caller's own notifications only. */
const EVERYONE: AccessRule = { roles: [...ROLES], org: 'none' };

@ApiTags('notifications')
@Controller('notifications')
export class NotificationController {
  constructor(
    private readonly notifications: NotificationService,
    private readonly stream: NotificationStream,
  ) {}

  @Get()
  @Access(EVERYONE)
  @ApiOperation({ summary: 'My notifications, newest first (unread=true: only the unread), in my language' })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiErrors(400)
  list(
    @CurrentUser() me: Principal,
    @Query() q: NotificationListQueryDto,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<Paged<NotificationView>> {
    return this.notifications.list(me, q, langFromAcceptLanguage(acceptLanguage));
  }

  @Get('unread-count')
  @Access(EVERYONE)
  @ApiOperation({ summary: 'How many of my notifications are unread' })
  @ApiOkResponse({ type: UnreadCountDto })
  async unreadCount(@CurrentUser() me: Principal): Promise<UnreadCount> {
    return { unread: await this.notifications.unreadCount(me.id) };
  }

  @Get('stream')
  @Access(EVERYONE)
  @ApiOperation({
    summary:
      'Server-sent events: `data: {"unread":n}` at once and whenever my unread count changes; a comment line every 25 s',
  })
  @ApiOkResponse({
    description: 'an event stream',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  streamUnread(@CurrentUser() me: Principal, @Req() req: Request, @Res() res: Response): void {
    this.stream.open(me.id, req, res);
  }

  @Post('read-all')
  @Access(EVERYONE)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiOkResponse({ type: UnreadCountDto })
  readAll(@CurrentUser() me: Principal): Promise<UnreadCount> {
    return this.notifications.markAllRead(me);
  }

  @Post(':id/read')
  @Access(EVERYONE)
  @ApiOperation({ summary: 'Mark one of my notifications read (404 for anyone else’s)' })
  @ApiOkResponse({ type: UnreadCountDto })
  @ApiErrors(400, 404)
  read(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<UnreadCount> {
    return this.notifications.markRead(me, id);
  }

  @Get('preferences')
  @Access(EVERYONE)
  @ApiOperation({ summary: 'My e-mail preferences (mode, language, digest hour) and the address mail goes to' })
  @ApiOkResponse({ type: NotificationPreferencesViewDto })
  preferences(@CurrentUser() me: Principal): Promise<NotificationPreferencesView> {
    return this.notifications.preferences(me);
  }

  @Put('preferences')
  @Access(EVERYONE)
  @ApiOperation({ summary: 'Change my e-mail preferences (audited)' })
  @ApiOkResponse({ type: NotificationPreferencesViewDto })
  @ApiErrors(400)
  updatePreferences(
    @CurrentUser() me: Principal,
    @Body() dto: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesView> {
    return this.notifications.updatePreferences(me, dto);
  }
}
