import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { AuditEntryView, AuditQuery, Paged } from '@hutong/platform-model';
import { AuditService } from './audit.service';
import { Access } from '../access/access.decorator';
import { ApiErrors, AuditPageDto } from '../common/openapi';
import { IsCalendarDate, PageField, PageSizeField } from '../common/validation';

export class AuditQueryDto implements AuditQuery {
  @ApiPropertyOptional({
    description: 'Asia/Shanghai date (yyyy-MM-dd), inclusive; one that does not exist (2026-02-30) is a 400',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
  @ApiPropertyOptional({ description: 'Asia/Shanghai date (yyyy-MM-dd), inclusive' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ description: "part of the actor's user name or display name" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  actor?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) entityId?: string;
  @ApiPropertyOptional({
    description: 'an action (exact), or ending in a dot every action so starting, e.g. organisation.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  action?: string;
  @PageField() page?: number;
  @PageSizeField(200, 50) pageSize?: number;
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access({ roles: ['admin'], org: 'none' })
  @ApiOperation({ summary: 'The append-only audit log, newest first, filtered and paginated (admins)' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiErrors(400)
  list(@Query() q: AuditQueryDto): Promise<Paged<AuditEntryView>> {
    return this.audit.list(q);
  }
}
