import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { AuditEntryView, Paged } from '@hutong/platform-model';
import { AuditService } from './audit.service';
import { Access } from '../access/access.decorator';

export class AuditQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) action?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access({ roles: ['admin'], org: 'none' })
  @ApiOperation({ summary: 'The append-only audit log, newest first (admins)' })
  list(@Query() q: AuditQueryDto): Promise<Paged<AuditEntryView>> {
    return this.audit.list(q);
  }
}
