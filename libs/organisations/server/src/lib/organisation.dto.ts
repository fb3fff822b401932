import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
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
import { PageField, PageSizeField } from '@hutong/platform-server';

export class CreateOrgDto implements CreateOrgRequest {
  @ApiProperty({ example: '12411500MB1234567X' })
  @Matches(ORG_CODE_PATTERN, { message: 'organisation.code_format' })
  code!: string;

  @ApiProperty({ example: '信阳市中心医院' })
  @IsString()
  @Length(1, 200, { message: 'organisation.name_length' })
  name!: string;

  @ApiProperty({ enum: ORG_LEVELS })
  @IsIn(ORG_LEVELS, { message: 'organisation.level_invalid' })
  level!: OrgLevel;

  @ApiProperty({ enum: ORG_KINDS })
  @IsIn(ORG_KINDS, { message: 'organisation.kind_invalid' })
  kind!: OrgKind;

  @ApiPropertyOptional({ enum: HOSPITAL_GRADES, nullable: true })
  @IsOptional()
  @IsIn(HOSPITAL_GRADES, { message: 'organisation.grade_invalid' })
  grade?: HospitalGrade | null;

  @ApiProperty({ example: '411502' })
  @Matches(REGION_CODE_PATTERN, { message: 'region.code_format' })
  regionCode!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'organisation.parent_id_invalid' })
  parentId?: string | null;
}

export class UpdateOrgDto implements UpdateOrgRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ORG_CODE_PATTERN, { message: 'organisation.code_format' })
  code?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'organisation.name_length' })
  name?: string;

  @ApiPropertyOptional({ enum: ORG_KINDS })
  @IsOptional()
  @IsIn(ORG_KINDS, { message: 'organisation.kind_invalid' })
  kind?: OrgKind;

  @ApiPropertyOptional({ enum: HOSPITAL_GRADES, nullable: true })
  @IsOptional()
  @IsIn(HOSPITAL_GRADES, { message: 'organisation.grade_invalid' })
  grade?: HospitalGrade | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(REGION_CODE_PATTERN, { message: 'region.code_format' })
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

  @PageField()
  page?: number;

  @PageSizeField(500, 20)
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
