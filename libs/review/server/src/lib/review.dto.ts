import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
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
import { AnswerChoiceDto } from '@hutong/assessment-server';
import { IsCalendarDate, PageField, PageSizeField } from '@hutong/platform-server';
import {
  EXPERT_POOLS,
  REVIEW_SESSION_KINDS,
  SESSION_MODES,
  SPECIALTIES,
  type DateRange,
  type ExpertPool,
  type ReviewSessionKind,
  type SessionMode,
  type Specialty,
} from '@hutong/review-model';

export class DateRangeDto implements DateRange {
  @ApiProperty({ format: 'date' }) @IsCalendarDate() from!: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() to!: string;
}

/** What an expert may say about itself: its ties and when it cannot sit. */
export class ExpertSelfDto {
  @ApiPropertyOptional({ type: [String], description: '承建单位 the expert works or worked for' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  vendorTies?: string[];

  @ApiPropertyOptional({ type: [String], description: 'organisations the expert consulted for' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  consultedOrgIds?: string[];

  @ApiPropertyOptional({ type: [DateRangeDto], description: 'inclusive Shanghai date ranges the expert cannot sit' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DateRangeDto)
  unavailable?: DateRangeDto[];
}

export class UpdateExpertDto extends ExpertSelfDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional({ description: '职称 / 职务' }) @IsOptional() @IsString() @MaxLength(100) title?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() affiliationOrgId?: string;

  @ApiPropertyOptional({ enum: EXPERT_POOLS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(EXPERT_POOLS, { each: true })
  pools?: ExpertPool[];

  @ApiPropertyOptional({ enum: SPECIALTIES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SPECIALTIES, { each: true })
  specialties?: Specialty[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class CreateExpertDto extends UpdateExpertDto {
  @ApiProperty({ format: 'uuid', description: 'a user with the expert role' }) @IsUUID() userId!: string;
  @ApiProperty() @IsString() @Length(1, 100) declare name: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() declare affiliationOrgId: string;
  @ApiProperty({ enum: EXPERT_POOLS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(EXPERT_POOLS, { each: true })
  declare pools: ExpertPool[];
  @ApiProperty({ enum: SPECIALTIES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(SPECIALTIES, { each: true })
  declare specialties: Specialty[];
}

export class ExpertListQueryDto {
  @ApiPropertyOptional({ description: 'name or affiliation contains' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ enum: SPECIALTIES }) @IsOptional() @IsIn(SPECIALTIES) specialty?: Specialty;
  @ApiPropertyOptional({ enum: EXPERT_POOLS }) @IsOptional() @IsIn(EXPERT_POOLS) pool?: ExpertPool;
  @PageField() page?: number;
  @PageSizeField(200, 50) pageSize?: number;
}

export class CandidateQueryDto {
  @ApiPropertyOptional({ description: 'username or name contains' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class DeclareConflictDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() applicationId!: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'staff only: the expert it is declared for (default: the caller)',
  })
  @IsOptional()
  @IsUUID()
  expertId?: string;
  @ApiProperty() @IsString() @Length(1, 500) reason!: string;
}

export class SessionFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() date?: string;
  @ApiPropertyOptional({ format: 'date', description: 'on-site inspections may last several days' })
  @IsOptional()
  @IsCalendarDate()
  endDate?: string;
  @ApiPropertyOptional({ example: '09:00' })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'review.time_invalid' })
  start?: string;
  @ApiPropertyOptional({ enum: SESSION_MODES }) @IsOptional() @IsIn(SESSION_MODES) mode?: SessionMode;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) location?: string;
  @ApiPropertyOptional({ minimum: 5, maximum: 240 }) @IsOptional() @IsInt() @Min(5) @Max(240) slotPresent?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 240 }) @IsOptional() @IsInt() @Min(0) @Max(240) slotQuestions?: number;
  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  breakAfter?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(120)
  breakMinutes?: number | null;
  @ApiPropertyOptional({ minimum: 1, maximum: 20 }) @IsOptional() @IsInt() @Min(1) @Max(20) minPerApplication?: number;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxPerExpert?: number | null;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsCalendarDate() scoringDue?: string;
}

export class CreateSessionDto extends SessionFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() cycleId!: string;
  @ApiProperty({ enum: REVIEW_SESSION_KINDS }) @IsIn(REVIEW_SESSION_KINDS) kind!: ReviewSessionKind;
  @ApiProperty() @IsString() @Length(1, 200) declare title: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() declare date: string;
  @ApiProperty({ format: 'date' }) @IsCalendarDate() declare scoringDue: string;
}

export class SessionListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() cycleId?: string;
}

export class InviteDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  expertIds!: string[];
}

export class RespondInvitationDto {
  @ApiProperty() @IsBoolean() accept!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class SetChairDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() expertId!: string;
}

export class AddCasesDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  applicationIds!: string[];
}

export class UpdateCaseDto {
  @ApiPropertyOptional({ type: [String], description: '承建单位 of the applicant’s platform' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  vendors?: string[];

  @ApiPropertyOptional({ enum: SPECIALTIES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SPECIALTIES, { each: true })
  neededSpecialties?: Specialty[];

  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @IsInt() @Min(0) @Max(1000) position?: number;
}

export class AssignDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() expertId!: string;
}

export class BulkAssignDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  expertIds!: string[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  caseIds!: string[];
}

export class AutoAssignDto {
  @ApiProperty({ description: 'false: a proposal only; true: write it' }) @IsBoolean() apply!: boolean;
}

export class SheetEntryDto {
  @ApiProperty() @IsString() @Length(1, 32) itemCode!: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'for indicators scored by a number' })
  @IsOptional()
  @IsNumber()
  score?: number | null;
  @ApiPropertyOptional({ type: () => AnswerChoiceDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnswerChoiceDto)
  choice?: AnswerChoiceDto | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class SaveSheetDto {
  @ApiProperty({ description: 'the version of the sheet these edits were made on' }) @IsInt() @Min(1) version!: number;
  @ApiProperty({ type: [SheetEntryDto], description: 'the changed indicators only' })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => SheetEntryDto)
  entries!: SheetEntryDto[];
}

export class VersionDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
}

export class ReasonDto {
  @ApiProperty() @IsString() @Length(1, 500) reason!: string;
}

export class ConsensusItemDto {
  @ApiProperty() @IsString() @Length(1, 32) itemCode!: string;
  @ApiProperty() @IsNumber() @Min(0) score!: number;
}

export class SaveConsolidationDto {
  @ApiProperty() @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional({ type: [ConsensusItemDto], description: 'changed consensus scores' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ConsensusItemDto)
  consensus?: ConsensusItemDto[];
  @ApiPropertyOptional({ description: '评审意见' }) @IsOptional() @IsString() @MaxLength(10000) opinion?: string;
  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'on-site: passed' })
  @IsOptional()
  @IsBoolean()
  passed?: boolean | null;
  @ApiPropertyOptional({ description: 'on-site: 整改要求' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  rectification?: string;
}

export class RaiseQuestionDto {
  @ApiProperty() @IsString() @Length(1, 32) itemCode!: string;
  @ApiProperty() @IsString() @Length(1, 2000) text!: string;
  @ApiProperty({ format: 'date', description: 'the applicant answers by this Shanghai date' })
  @IsCalendarDate()
  dueDate!: string;
}
