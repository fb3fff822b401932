import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import type { AuditEntryView, Paged } from '@hutong/shared-contracts';
import { AuditEntry } from '@hutong/server-persistence';
import { Access } from '../auth/access.decorator';

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
  constructor(private readonly em: EntityManager) {}

  @Get()
  @Access({ roles: ['admin'], org: 'none' })
  @ApiOperation({ summary: 'The append-only audit log, newest first (admins)' })
  async list(@Query() q: AuditQueryDto): Promise<Paged<AuditEntryView>> {
    const where: FilterQuery<AuditEntry> = {};
    if (q.entityType) where.entityType = q.entityType;
    if (q.entityId) where.entityId = q.entityId;
    if (q.action) where.action = { $like: `${q.action.replace(/[\\%_]/g, (c) => '\\' + c)}%` };
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const [rows, total] = await this.em.findAndCount(AuditEntry, where, {
      orderBy: { id: 'desc' },
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return {
      items: rows.map((r) => ({
        id: String(r.id),
        at: r.at.toISOString(),
        actorId: r.actorId,
        actorName: r.actorName,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        before: r.before,
        after: r.after,
        ip: r.ip,
      })),
      total,
      page,
      pageSize,
    };
  }
}
