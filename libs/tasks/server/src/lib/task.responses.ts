import { ApiProperty } from '@nestjs/swagger';
import {
  TASK_ACTIONS,
  TASK_KINDS,
  TASK_STATUSES,
  type RecipientPreview,
  type TaskAboutType,
  type TaskAction,
  type TaskAttachmentView,
  type TaskBatchStatus,
  type TaskBatchView,
  type TaskDetail,
  type TaskDisplayStatus,
  type TaskEventView,
  type TaskKind,
  type TaskReminderView,
  type TaskResponseView,
  type TaskStatus,
  type TaskSummary,
} from '@hutong/tasks-model';
import { PagedDto } from '@hutong/platform-server';
import { ReminderPolicyDto, ResponseFieldDto } from './task.dto';

const DISPLAY_STATUSES: TaskDisplayStatus[] = [...TASK_STATUSES, 'overdue'];
const ABOUT_TYPES: TaskAboutType[] = ['application', 'question', 'bulletin'];
const ANSWER = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };

export class TaskOrgDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class TaskSummaryDto implements TaskSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TASK_KINDS }) kind!: TaskKind;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: TASK_STATUSES, description: 'stored status' }) status!: TaskStatus;
  @ApiProperty({ enum: DISPLAY_STATUSES, description: 'as shown: overdue when waiting past the due instant' })
  displayStatus!: TaskDisplayStatus;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ type: () => TaskOrgDto }) assignee!: TaskOrgDto;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeUserId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) batchId!: string | null;
  @ApiProperty({ enum: ABOUT_TYPES, nullable: true }) aboutType!: TaskAboutType | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) aboutId!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'null: no reminder left or the work is done',
  })
  nextReminderAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
}

export class TaskPageDto extends PagedDto(TaskSummaryDto) {}

export class TaskResponseViewDto implements TaskResponseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'object', additionalProperties: ANSWER }) answers!: Record<string, string | string[]>;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) submittedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ enum: ['accepted', 'returned'], nullable: true }) decision!: 'accepted' | 'returned' | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
}

export class TaskAttachmentViewDto implements TaskAttachmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() mime!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the response that uses it' })
  responseId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class TaskEventViewDto implements TaskEventView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'username, or system' }) actor!: string;
  @ApiProperty({ example: 'extend' }) action!: string;
  @ApiProperty({ enum: TASK_STATUSES, nullable: true }) fromStatus!: TaskStatus | null;
  @ApiProperty({ enum: TASK_STATUSES }) toStatus!: TaskStatus;
  @ApiProperty({ type: String, nullable: true, description: 'the reason given' }) note!: string | null;
}

export class TaskReminderViewDto implements TaskReminderView {
  @ApiProperty({ example: 'before-3' }) stepKey!: string;
  @ApiProperty({ example: 'assignee' }) audience!: string;
  @ApiProperty() recipients!: number;
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
}

export class TaskDetailDto extends TaskSummaryDto implements TaskDetail {
  @ApiProperty() instructions!: string;
  @ApiProperty({ type: [ResponseFieldDto] }) form!: ResponseFieldDto[];
  @ApiProperty({ type: ReminderPolicyDto }) policy!: TaskDetail['policy'];
  @ApiProperty({ type: String, nullable: true, example: 'before-3' }) nextReminderKey!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt!: string | null;
  @ApiProperty({ type: [TaskResponseViewDto] }) responses!: TaskResponseViewDto[];
  @ApiProperty({ type: [TaskAttachmentViewDto] }) attachments!: TaskAttachmentViewDto[];
  @ApiProperty({ type: [TaskEventViewDto] }) history!: TaskEventViewDto[];
  @ApiProperty({ type: [TaskReminderViewDto], description: 'reminder steps sent' }) reminders!: TaskReminderViewDto[];
  @ApiProperty({ enum: TASK_ACTIONS, isArray: true, description: 'what the caller may do now' })
  actions!: TaskAction[];
}

export class TaskBatchViewDto implements TaskBatchView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status!: TaskBatchStatus;
  @ApiProperty({ description: 'recipients' }) total!: number;
  @ApiProperty({ description: 'tasks created so far' }) created!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'the batch’s tasks by displayed status',
  })
  counts!: Partial<Record<TaskDisplayStatus, number>>;
}

export class TaskBatchPageDto extends PagedDto(TaskBatchViewDto) {}

export class RecipientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class RecipientPreviewDto implements RecipientPreview {
  @ApiProperty({ description: 'organisations that match' }) total!: number;
  @ApiProperty({ type: [RecipientDto], description: 'the first 50, by code' }) items!: RecipientDto[];
}
