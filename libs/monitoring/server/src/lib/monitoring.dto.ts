import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, PageField, PageSizeField } from '@hutong/platform-server';
import {
  KEY_SCOPES,
  RECTIFY_TARGETS,
  type ConnectionStatus,
  type CountsKind,
  type KeyScope,
  type RectifyTarget,
  type Tier,
} from '@hutong/monitoring-model';

const STATUSES: ConnectionStatus[] = ['not_connected', 'connected', 'other_platform'];
const SORTS = ['name', 'volume', 'completeness', 'uploadDays', 'outpatientRate', 'tier'] as const;

export class PeriodQueryDto {
  @ApiProperty({ format: 'date', description: 'first day (Asia/Shanghai)' }) @IsCalendarDate() from!: string;
  @ApiProperty({ format: 'date', description: 'last day, inclusive' }) @IsCalendarDate() to!: string;
  @ApiPropertyOptional({
    format: 'date',
    description: 'read as of this day (default today): later days are not counted',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class OverviewQueryDto extends PeriodQueryDto {
  @ApiProperty({ format: 'uuid', description: 'the region (province, city, county) whose institutions are read' })
  @IsUUID()
  scope!: string;

  @ApiPropertyOptional({ enum: [1, 2, 3, 4] })
  @IsOptional()
  @Type(() => Number)
  @IsIn([1, 2, 3, 4])
  tier?: Tier;

  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) connection?: ConnectionStatus;

  @ApiPropertyOptional({ description: 'only institutions with an anomaly' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  anomalous?: boolean;

  @ApiPropertyOptional({ description: 'name or code contains' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: SORTS }) @IsOptional() @IsIn(SORTS) sort?: (typeof SORTS)[number];
  @ApiPropertyOptional({ enum: ['asc', 'desc'] }) @IsOptional() @IsIn(['asc', 'desc']) dir?: 'asc' | 'desc';
  @PageField() page?: number;
  @PageSizeField(500, 20) pageSize?: number;
}

export class ScopePeriodQueryDto extends PeriodQueryDto {
  @ApiProperty({ format: 'uuid', description: 'the region read' }) @IsUUID() scope!: string;
  @PageField() page?: number;
  @PageSizeField(200, 50) pageSize?: number;
}

export class TableDefDto {
  @ApiProperty({ example: 'TB_MZ_JZMXB' }) @IsString() @Matches(/^[A-Z][A-Z0-9_]{1,63}$/) code!: string;
  @ApiProperty({ example: '门诊就诊明细表' }) @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ example: '门急诊业务' }) @IsString() @Length(1, 50) domain!: string;
  @ApiPropertyOptional({ enum: ['visits', 'discharges'] })
  @IsOptional()
  @IsIn(['visits', 'discharges'])
  counts?: CountsKind;
}

export class SaveCatalogueDto {
  @ApiProperty({ example: 'example-51' }) @IsString() @Matches(/^[a-z0-9][a-z0-9.-]{1,63}$/) key!: string;
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
  @ApiProperty() @IsString() @MaxLength(2000) note!: string;
  @ApiProperty({ type: [TableDefDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(256)
  @ValidateNested({ each: true })
  @Type(() => TableDefDto)
  tables!: TableDefDto[];
}

export class SetRequirementDto {
  @ApiProperty() @IsString() @Length(1, 64) catalogueKey!: string;
}

export class SetConnectionDto {
  @ApiProperty({ enum: STATUSES }) @IsIn(STATUSES) status!: ConnectionStatus;
  @ApiProperty({ description: 'e.g. the platform it is connected to instead' })
  @IsString()
  @MaxLength(500)
  note!: string;
  @ApiPropertyOptional({ format: 'date', description: 'the day it took effect (default today)' })
  @IsOptional()
  @IsCalendarDate()
  since?: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: '信阳市全民健康信息平台' }) @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ format: 'uuid', description: 'the organisation whose subtree the key may report for' })
  @IsUUID()
  organisationId!: string;
  @ApiProperty({ enum: KEY_SCOPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(KEY_SCOPES, { each: true })
  scopes!: KeyScope[];
}

export class ReferenceRowDto {
  @ApiProperty({ description: 'institution code' }) @IsString() @Length(1, 32) org!: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() from!: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() to!: string;
  @ApiProperty({ nullable: true, type: Number, description: '门急诊人次 (卫统)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  visits!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '出院人次 (卫统)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  discharges!: number | null;
}

export class SaveReferencesDto {
  @ApiProperty({ type: [ReferenceRowDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50_000)
  @ValidateNested({ each: true })
  @Type(() => ReferenceRowDto)
  rows!: ReferenceRowDto[];
}

/** The statistics batch. Validated by the model's rules item by item (per-item codes), not by class-validator. */
export class StatisticsBatchDto {
  @ApiProperty({
    description:
      'institution × business day items: { org, date, tables: { TABLE_CODE: records | { records, lag: [T, T+1, T+2, later] } }, asOf?, uploaded? }',
    type: 'array',
    items: { type: 'object' },
  })
  @IsArray()
  items!: unknown[];
}

export class RequirementTextDto {
  @ApiProperty({ example: '请未联通机构报送未联通原因、下一步工作计划及完成时间' })
  @IsString()
  @Length(1, 500)
  text!: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() due!: string;
}

export class CreateBulletinDto extends PeriodQueryDto {
  @ApiProperty({ format: 'uuid', description: 'the region it is about' }) @IsUUID() scope!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional({ description: '发文机关 (default: your organisation)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  issuer?: string;
  @ApiPropertyOptional({ type: RequirementTextDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RequirementTextDto)
  requirement?: RequirementTextDto | null;
}

export class UpdateBulletinDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) issuer?: string;
  @ApiPropertyOptional({ type: [String], description: 'the paragraphs; their figures must be the generated ones' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  narrative?: string[];
  @ApiPropertyOptional({ type: RequirementTextDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RequirementTextDto)
  requirement?: RequirementTextDto | null;
}

export class ReviseBulletinDto {
  @ApiPropertyOptional({ format: 'date', description: 'read the data as of this day (default today)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class RectifyDto {
  @ApiProperty({ enum: RECTIFY_TARGETS, description: 'which of the bulletin’s institutions' })
  @IsIn(RECTIFY_TARGETS)
  target!: RectifyTarget;
  @ApiProperty({ example: '报送未联通原因及整改计划' }) @IsString() @Length(1, 200) title!: string;
  @ApiProperty() @IsString() @MaxLength(4000) instructions!: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() dueDate!: string;
}

/** An optional weight of the score, 0–100 (the weights are relative). */
const weight = () =>
  applyDecorators(
    ApiPropertyOptional({ minimum: 0, maximum: 100 }),
    IsOptional(),
    Type(() => Number),
    Min(0),
    Max(100),
  );

export class ScoreQueryDto {
  @ApiProperty({ format: 'uuid', description: 'the region read' }) @IsUUID() scope!: string;
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiPropertyOptional({ format: 'date', description: 'read as of this day (default today)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
  @weight() connectivity?: number;
  @weight() completeness?: number;
  @weight() volume?: number;
  @PageField() page?: number;
  @PageSizeField(500, 20) pageSize?: number;
}
