import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { HOSPITAL_GRADES, ORG_KINDS, type OrgKind } from '@hutong/platform-model';
import { IsCalendarDate, PageField, PageSizeField } from '@hutong/platform-server';
import {
  TASK_KINDS,
  TASK_STATUSES,
  type RecipientFilter,
  type ReminderPolicy,
  type ResponseAnswers,
  type ResponseField,
  type ResponseFieldType,
  type TaskDisplayStatus,
  type TaskKind,
} from '@hutong/tasks-model';

const FIELD_TYPES: ResponseFieldType[] = ['text', 'date', 'choice', 'attachments'];
const DISPLAY_STATUSES: TaskDisplayStatus[] = [...TASK_STATUSES, 'overdue'];

export class ResponseFieldDto implements ResponseField {
  @ApiProperty({ example: 'reason', description: 'unique in the form: a-z, 0-9, _' })
  @IsString()
  @Length(1, 40)
  key!: string;

  @ApiProperty({ example: '未接入原因' }) @IsString() @Length(1, 100) label!: string;

  @ApiProperty({ enum: FIELD_TYPES }) @IsIn(FIELD_TYPES) type!: ResponseFieldType;

  @ApiProperty() @IsBoolean() required!: boolean;

  @ApiPropertyOptional({ type: [String], description: 'for choice' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  options?: string[];

  @ApiPropertyOptional({ description: 'for text: longest answer (default 2000)' })
  @IsOptional()
  @IsInt()
  maxLength?: number;

  @ApiPropertyOptional({ description: 'for attachments: most files (default 5)' })
  @IsOptional()
  @IsInt()
  maxFiles?: number;
}

/** A reminder policy; the fields left out take the defaults. */
export class ReminderPolicyDto implements Partial<ReminderPolicy> {
  @ApiPropertyOptional({ type: [Number], example: [7, 3, 1] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  beforeDays?: number[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean() onDueDay?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() overdueDaily?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() overdueMaxDays?: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: never escalate' })
  @IsOptional()
  @IsInt()
  escalateAfterDays?: number | null;

  @ApiPropertyOptional({ minimum: 8, maximum: 21 }) @IsOptional() @IsInt() sendHour?: number;
}

/** What a task asks (one task or a batch's template). */
export class TaskTemplateDto {
  @ApiProperty({ example: '报送未接入原因' }) @IsString() @Length(1, 200) title!: string;

  @ApiProperty() @IsString() @MaxLength(10_000) instructions!: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'due by the end of this Asia/Shanghai date' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'or: due at this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt?: string;

  @ApiProperty({ type: [ResponseFieldDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ResponseFieldDto)
  form!: ResponseFieldDto[];

  @ApiPropertyOptional({ type: ReminderPolicyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderPolicyDto)
  policy?: ReminderPolicyDto;
}

export class IssueTaskDto extends TaskTemplateDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() assigneeOrgId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'a user of that organisation' })
  @IsOptional()
  @IsUUID()
  assigneeUserId?: string;
}

export class RecipientFilterDto implements RecipientFilter {
  @ApiPropertyOptional({ format: 'uuid', description: 'the subtree of this region' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @ApiPropertyOptional({ enum: ORG_KINDS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(ORG_KINDS, { each: true })
  kinds?: OrgKind[];

  @ApiPropertyOptional({ enum: HOSPITAL_GRADES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(HOSPITAL_GRADES, { each: true })
  grades?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'a saved recipient list' })
  @IsOptional()
  @IsUUID()
  listId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20_000)
  @IsUUID('all', { each: true })
  organisationIds?: string[];
}

export class CreateTaskBatchDto extends TaskTemplateDto {
  @ApiProperty({ type: RecipientFilterDto })
  @ValidateNested()
  @Type(() => RecipientFilterDto)
  filter!: RecipientFilterDto;
}

export class RespondDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    description: 'an answer per field key: text, a date (yyyy-MM-dd), an option, or attachment ids',
  })
  @IsObject()
  answers!: ResponseAnswers;
}

export class ReasonDto {
  @ApiProperty({ example: '附件不完整', description: '1–500 characters' }) @IsString() @Length(1, 500) reason!: string;
}

export class ExtendDto extends ReasonDto {
  @ApiPropertyOptional({ example: '2026-12-31', description: 'the new due date (Asia/Shanghai)' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'or: the new due instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt?: string;
}

class TaskListQueryDto {
  @ApiPropertyOptional({ enum: DISPLAY_STATUSES, description: 'as shown: overdue is waiting past the due instant' })
  @IsOptional()
  @IsIn(DISPLAY_STATUSES)
  status?: TaskDisplayStatus;

  @ApiPropertyOptional({ enum: TASK_KINDS }) @IsOptional() @IsIn(TASK_KINDS) kind?: TaskKind;

  @PageField() page?: number;
  @PageSizeField(200, 20) pageSize?: number;

  @ApiPropertyOptional({ enum: ['due', 'created', 'status', 'title'], default: 'due' })
  @IsOptional()
  @IsIn(['due', 'created', 'status', 'title'])
  sort?: 'due' | 'created' | 'status' | 'title';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  dir?: 'asc' | 'desc';
}

export class MyTasksQueryDto extends TaskListQueryDto {}

export class IssuedTasksQueryDto extends TaskListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() batchId?: string;

  @ApiPropertyOptional({ description: 'title or the assignee organisation’s name or code contains' })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  q?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'due on or after this Asia/Shanghai date' })
  @IsOptional()
  @IsCalendarDate()
  dueFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'due on or before this Asia/Shanghai date' })
  @IsOptional()
  @IsCalendarDate()
  dueTo?: string;
}

export class BatchListQueryDto {
  @PageField() page?: number;
  @PageSizeField(100, 20) pageSize?: number;
}
