import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { type CreateOrgRequest, type UpdateOrgRequest } from '@hutong/organisations-model';
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

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
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
