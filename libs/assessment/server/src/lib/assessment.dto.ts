import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
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
import {
  APPLICATION_ACTIONS,
  APPLICATION_STATES,
  ASSESS_METHODS,
  BINARY_OPTIONS,
  FACT_NOTE_MAX,
  LEVELS,
  OPINION_MAX,
  SCORING_KINDS,
  LOWER_LEVEL_DECISIONS,
  STAGE_WINDOWS,
  type Answer,
  type AnswerChoice,
  type BinaryOption,
  type ScoringKind,
  type ApplicationAction,
  type ApplicationState,
  type AssessMethod,
  type BulkTransitionRequest,
  type ConsensusScoresRequest,
  type CreateApplicationRequest,
  type CreateCycleRequest,
  type DocumentReviewRequest,
  type IndicatorNode,
  type Level,
  type LevelRule,
  type LowerLevelDecision,
  type RecordConformanceRequest,
  type RecordOnsiteRequest,
  type ReturnReason,
  type SaveAnswersRequest,
  type SpotCheckRequest,
  type StageWindow,
  type StageWindowKey,
  type TransitionRequest,
  type UpdateCycleRequest,
  type UpdateSchemeRequest,
} from '@hutong/assessment-model';
import { ORG_KINDS, type OrgKind } from '@hutong/platform-model';
import { IsCalendarDate } from '@hutong/platform-server';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class StageWindowDto implements StageWindow {
  @ApiProperty({ enum: STAGE_WINDOWS })
  @IsIn(STAGE_WINDOWS)
  key!: StageWindowKey;

  @ApiProperty({ example: '2026-11-01', description: 'Asia/Shanghai date' })
  @Matches(DATE, { message: '日期格式应为 yyyy-MM-dd' })
  start!: string;

  @ApiProperty({ example: '2026-12-31', description: 'Asia/Shanghai date; the window ends at 23:59:59 that day' })
  @Matches(DATE, { message: '日期格式应为 yyyy-MM-dd' })
  end!: string;
}

export class CreateCycleDto implements CreateCycleRequest {
  @ApiProperty({ example: '2026年度第一批' })
  @IsString()
  @Length(1, 100, { message: '批次名称应为1–100个字符' })
  name!: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(12)
  batch!: number;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: '管辖范围标识无效' })
  jurisdictionId!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1, { message: '至少选择一个指标体系' })
  @IsUUID('all', { each: true })
  schemeIds!: string[];

  @ApiProperty({ enum: ORG_KINDS, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: '至少选择一种机构类型' })
  @IsIn(ORG_KINDS, { each: true })
  eligibleKinds!: OrgKind[];

  @ApiProperty({ type: [StageWindowDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => StageWindowDto)
  windows!: StageWindowDto[];

  @ApiPropertyOptional({ default: 7 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  publicityDays?: number;
}

export class UpdateCycleDto implements UpdateCycleRequest {
  @ApiPropertyOptional({ example: '2026年度第一批' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: '批次名称应为1–100个字符' })
  name?: string;

  @ApiPropertyOptional({ type: [StageWindowDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => StageWindowDto)
  windows?: StageWindowDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  publicityDays?: number;
}

export class CycleListQueryDto {
  @ApiPropertyOptional({ description: 'include archived cycles (hidden by default)' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  archived?: boolean;
}

export class CreateApplicationDto implements CreateApplicationRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() cycleId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() organisationId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() schemeId!: string;
  @ApiProperty({ enum: LEVELS }) @IsIn(LEVELS, { message: '申报等级无效' }) targetLevel!: Level;
}

export class AnswerChoiceDto implements AnswerChoice {
  @ApiPropertyOptional({ enum: BINARY_OPTIONS }) @IsOptional() @IsIn(BINARY_OPTIONS) option?: BinaryOption;
  @ApiPropertyOptional({ enum: LEVELS, nullable: true })
  @IsOptional()
  @IsIn([...LEVELS, null])
  level?: Level | null;
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @IsInt() @Min(0) @Max(1000) count?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1 }) @IsOptional() @IsNumber() @Min(0) @Max(1) share?: number;
}

export class AnswerDto implements Answer {
  @ApiProperty() @IsString() @Length(1, 32) itemCode!: string;

  @ApiProperty({ type: Number, nullable: true })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4 }, { message: '自评分最多四位小数' })
  @Min(0, { message: '自评分不能为负' })
  selfScore!: number | null;

  @ApiProperty() @IsString() @MaxLength(5000, { message: '说明不能超过5000字' }) statement!: string;

  @ApiPropertyOptional({
    type: () => AnswerChoiceDto,
    nullable: true,
    description: 'the answer within the scoring kind; the score is derived from it',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnswerChoiceDto)
  choice?: AnswerChoiceDto | null;
}

export class SaveAnswersDto implements SaveAnswersRequest {
  @ApiProperty({ type: [AnswerDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers!: AnswerDto[];
}

export class ReturnReasonDto implements ReturnReason {
  @ApiProperty() @IsString() @Length(1, 32) itemCode!: string;
  @ApiProperty() @IsString() @Length(1, 1000, { message: '退回原因应为1–1000个字符' }) reason!: string;
}

export class TransitionDto implements TransitionRequest {
  @ApiProperty({ enum: APPLICATION_ACTIONS })
  @IsIn(APPLICATION_ACTIONS, { message: '操作无效' })
  action!: ApplicationAction;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;

  @ApiPropertyOptional({ type: [ReturnReasonDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ReturnReasonDto)
  returnReasons?: ReturnReasonDto[];

  @ApiPropertyOptional({ example: '2026-12-15' })
  @IsOptional()
  @Matches(DATE, { message: '日期格式应为 yyyy-MM-dd' })
  returnDeadline?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) reason?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() objectionId?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() upheld?: boolean;

  @ApiPropertyOptional({
    enum: LOWER_LEVEL_DECISIONS,
    description: 'rate: the target level was missed but a lower one reached — award it, or not passed',
  })
  @IsOptional()
  @IsIn(LOWER_LEVEL_DECISIONS, { message: '评定决定无效' })
  lowerLevelDecision?: LowerLevelDecision;
}

export class BulkTransitionDto implements BulkTransitionRequest {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  applicationIds!: string[];

  @ApiProperty({ enum: APPLICATION_ACTIONS }) @IsIn(APPLICATION_ACTIONS) action!: ApplicationAction;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ConsensusScoresDto implements ConsensusScoresRequest {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { '1.1.1': 2.5 } })
  @IsObject()
  scores!: Record<string, number>;
}

/** The indicator tree's nodes and the level rules: the OpenAPI schemas of the model's shapes (the scheme rules check the tree as a whole, not field by field here). */
export class IndicatorNodeDto implements IndicatorNode {
  @ApiProperty({ example: '1.1.2' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty() points!: number;
  @ApiProperty({ enum: LEVELS, nullable: true }) minLevel!: Level | null;
  @ApiProperty() mandatory!: boolean;
  @ApiProperty() passScore!: number;
  @ApiProperty() evidenceRequired!: boolean;
  @ApiProperty({ enum: ASSESS_METHODS }) method!: AssessMethod;
  @ApiProperty({ type: () => [IndicatorNodeDto] }) children!: IndicatorNodeDto[];
  @ApiPropertyOptional({ enum: SCORING_KINDS, description: 'leaves: how the item is scored (absent: scale)' })
  scoring?: ScoringKind;
  @ApiPropertyOptional({ description: '选测: 无此业务 scores too' }) optional?: boolean;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'tiered: points per level',
  })
  pointsByLevel?: Partial<Record<Level, number>>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' } })
  minCountByLevel?: Partial<Record<Level, number>>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: '等级要求 per level' })
  requirementByLevel?: Partial<Record<Level, string>>;
  @ApiPropertyOptional({ description: 'tiered: answered with a measured share, scored at the level thresholds' })
  proportional?: boolean;
  @ApiPropertyOptional() perItem?: number;
  @ApiPropertyOptional() maxPoints?: number;
  @ApiPropertyOptional({ type: [String] }) options?: string[];
  @ApiPropertyOptional({ type: String, nullable: true, description: '评分说明' }) rule?: string | null;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ description: 'PDF page of the document' }) page?: number;
}

export class LevelRuleDto implements LevelRule {
  @ApiProperty({ enum: LEVELS }) level!: Level;
  @ApiProperty() onsiteRequired!: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number', nullable: true },
    description: '表8-2: per part code, the minimum score for this level (null: no requirement)',
  })
  minimums!: Record<string, number | null>;
}

export class UpdateSchemeDto implements UpdateSchemeRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ description: 'a missed target level may be rated as the lower level reached' })
  @IsOptional()
  @IsBoolean()
  allowLowerLevel?: boolean;
  @ApiProperty({ type: [IndicatorNodeDto] }) @IsArray() tree!: IndicatorNode[];
  @ApiProperty({ type: [LevelRuleDto] }) @IsArray() levelRules!: LevelRule[];
}

export class BoardQueryDto {
  @ApiPropertyOptional({ enum: APPLICATION_STATES }) @IsOptional() @IsIn(APPLICATION_STATES) state?: ApplicationState;
  @ApiPropertyOptional({ enum: ORG_KINDS }) @IsOptional() @IsIn(ORG_KINDS) kind?: OrgKind;
  @ApiPropertyOptional({ enum: LEVELS }) @IsOptional() @IsIn(LEVELS) targetLevel?: Level;
  @ApiPropertyOptional({ format: 'uuid', description: 'only applicants inside this region' })
  @IsOptional()
  @IsUUID()
  regionId?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  late?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 100) q?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;

  @ApiPropertyOptional({ enum: ['code', 'name', 'state', 'dueDate', 'updatedAt'], default: 'code' })
  @IsOptional()
  @IsIn(['code', 'name', 'state', 'dueDate', 'updatedAt'])
  sort?: 'code' | 'name' | 'state' | 'dueDate' | 'updatedAt';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  dir?: 'asc' | 'desc';
}

export class DiffQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) from!: number;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) to!: number;
}

export class ObjectionDto {
  @ApiProperty({ example: '该院数据上传长期中断，与自评不符' })
  @IsString()
  @Length(1, 2000, { message: '异议理由应为1–2000个字符' })
  reason!: string;
}

// ---- facts the review records (the coordinator's endpoints until the review capability's screens exist) ----

export class RecordConformanceDto implements RecordConformanceRequest {
  @ApiProperty({ description: 'the test passed (标准符合性测试通过)' }) @IsBoolean() passed!: boolean;
  @ApiProperty({ minimum: 0, example: 120, description: 'the test items (用例) tested' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  items!: number;
  @ApiProperty({ minimum: 0, example: 3, description: 'how many of them failed (at most items)' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  failedItems!: number;
  @ApiPropertyOptional({ maxLength: FACT_NOTE_MAX }) @IsOptional() @IsString() @MaxLength(FACT_NOTE_MAX) note?: string;
}

export class DocumentReviewDto implements DocumentReviewRequest {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { '1.1.1': 2.5 },
    description: 'the document review’s consensus scores (may be empty)',
  })
  @IsObject()
  scores!: Record<string, number>;
  @ApiProperty({ maxLength: OPINION_MAX, example: '材料齐全，同意进入现场查验' })
  @IsString()
  @Length(1, OPINION_MAX)
  opinion!: string;
}

export class OnsiteResultDto implements RecordOnsiteRequest {
  @ApiProperty() @IsBoolean() passed!: boolean;
  @ApiProperty({ minimum: 0, description: 'problems found on site' }) @IsInt() @Min(0) @Max(100_000) findings!: number;
  @ApiProperty({ type: String, nullable: true, maxLength: FACT_NOTE_MAX, description: 'what must be rectified' })
  @IsOptional()
  @IsString()
  @MaxLength(FACT_NOTE_MAX)
  rectification!: string | null;
}

export class SpotCheckDto implements SpotCheckRequest {
  @ApiProperty({ example: '2026-11-20', description: 'Asia/Shanghai date of the check' })
  @IsCalendarDate()
  date!: string;
  @ApiProperty() @IsBoolean() passed!: boolean;
  @ApiProperty({ maxLength: FACT_NOTE_MAX }) @IsString() @MaxLength(FACT_NOTE_MAX) note!: string;
}
