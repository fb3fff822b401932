import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import type { AuditEntryView, AuditQuery, Paged } from '@hutong/platform-model';
import { AuditService } from './audit.service';
import { Access } from '../access/access.decorator';
import { ApiErrors, AuditPageDto } from '../common/openapi';

/** The format; the service refuses a date that does not exist (2026-02-30). */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class AuditQueryDto implements AuditQuery {
  @ApiPropertyOptional({ description: 'Asia/Shanghai date (yyyy-MM-dd), inclusive' })
  @IsOptional()
  @Matches(DATE, { message: '日期格式应为 yyyy-MM-dd' })
  from?: string;
  @ApiPropertyOptional({ description: 'Asia/Shanghai date (yyyy-MM-dd), inclusive' })
  @IsOptional()
  @Matches(DATE, { message: '日期格式应为 yyyy-MM-dd' })
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
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
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
