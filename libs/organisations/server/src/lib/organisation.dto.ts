import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import {
  IMPORT_STATUSES,
  type CreateOrgRequest,
  type ImportJobView,
  type ImportStatus,
  type OrgView,
  type UpdateOrgRequest,
} from '@hutong/organisations-model';
import { PagedDto } from '@hutong/platform-server';
import {
  HOSPITAL_GRADES,
  ORG_KINDS,
  ORG_LEVELS,
  type HospitalGrade,
  type OrgKind,
  type OrgLevel,
} from '@hutong/platform-model';
import { ORG_CODE_PATTERN, REGION_CODE_PATTERN } from '@hutong/organisations-model';

export class CreateOrgDto implements CreateOrgRequest {
  @ApiProperty({ example: '12411500MB1234567X' })
  @Matches(ORG_CODE_PATTERN, { message: '编码应为2–32位字母、数字或连字符' })
  code!: string;

  @ApiProperty({ example: '信阳市中心医院' })
  @IsString()
  @Length(1, 200, { message: '名称应为1–200个字符' })
  name!: string;

  @ApiProperty({ enum: ORG_LEVELS })
  @IsIn(ORG_LEVELS, { message: '层级无效' })
  level!: OrgLevel;

  @ApiProperty({ enum: ORG_KINDS })
  @IsIn(ORG_KINDS, { message: '类型无效' })
  kind!: OrgKind;

  @ApiPropertyOptional({ enum: HOSPITAL_GRADES, nullable: true })
  @IsOptional()
  @IsIn(HOSPITAL_GRADES, { message: '医院等级无效' })
  grade?: HospitalGrade | null;

  @ApiProperty({ example: '411502' })
  @Matches(REGION_CODE_PATTERN, { message: '行政区划代码必须是6位数字' })
  regionCode!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: '上级标识无效' })
  parentId?: string | null;
}

export class UpdateOrgDto implements UpdateOrgRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ORG_CODE_PATTERN, { message: '编码应为2–32位字母、数字或连字符' })
  code?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: '名称应为1–200个字符' })
  name?: string;

  @ApiPropertyOptional({ enum: ORG_KINDS })
  @IsOptional()
  @IsIn(ORG_KINDS, { message: '类型无效' })
  kind?: OrgKind;

  @ApiPropertyOptional({ enum: HOSPITAL_GRADES, nullable: true })
  @IsOptional()
  @IsIn(HOSPITAL_GRADES, { message: '医院等级无效' })
  grade?: HospitalGrade | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(REGION_CODE_PATTERN, { message: '行政区划代码必须是6位数字' })
  regionCode?: string;
}

export class OrgListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ description: 'the whole subtree below parentId, not only its children' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  descendants?: boolean;

  @ApiPropertyOptional({ description: 'search in name or code' })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  q?: string;

  @ApiPropertyOptional({ enum: ORG_LEVELS })
  @IsOptional()
  @IsIn(ORG_LEVELS)
  level?: OrgLevel;

  @ApiPropertyOptional({ enum: ORG_KINDS })
  @IsOptional()
  @IsIn(ORG_KINDS)
  kind?: OrgKind;

  @ApiPropertyOptional({ enum: HOSPITAL_GRADES })
  @IsOptional()
  @IsIn(HOSPITAL_GRADES)
  grade?: HospitalGrade;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 20, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;

  @ApiPropertyOptional({ enum: ['code', 'name', 'level', 'updatedAt'] })
  @IsOptional()
  @IsIn(['code', 'name', 'level', 'updatedAt'])
  sort?: 'code' | 'name' | 'level' | 'updatedAt';

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

// ---- answers (the OpenAPI schemas of the model's views) ----

export class OrgViewDto implements OrgView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORG_LEVELS }) level!: OrgLevel;
  @ApiProperty({ enum: ORG_KINDS }) kind!: OrgKind;
  @ApiProperty({ enum: HOSPITAL_GRADES, nullable: true }) grade!: HospitalGrade | null;
  @ApiProperty() regionCode!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty({ type: [String], description: 'ids from the root down to this node, inclusive' })
  ancestorIds!: string[];
  @ApiProperty() childCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class OrgPageDto extends PagedDto(OrgViewDto) {}

export class ImportJobViewDto implements ImportJobView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status!: ImportStatus;
  @ApiProperty() totalRows!: number;
  @ApiProperty() processedRows!: number;
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty() createdBy!: string;
}
