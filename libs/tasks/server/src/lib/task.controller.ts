import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { RecipientPreview, TaskAttachmentView, TaskBatchView, TaskDetail, TaskSummary } from '@hutong/tasks-model';
import type { Paged } from '@hutong/platform-model';
import {
  Access,
  ApiErrors,
  ApiFile,
  CurrentUser,
  FileUpload,
  badRequest,
  type Principal,
} from '@hutong/platform-server';
import {
  BatchListQueryDto,
  CreateTaskBatchDto,
  ExtendDto,
  IssueTaskDto,
  IssuedTasksQueryDto,
  MyTasksQueryDto,
  ReasonDto,
  RecipientFilterDto,
  RespondDto,
} from './task.dto';
import {
  RecipientPreviewDto,
  TaskAttachmentViewDto,
  TaskBatchPageDto,
  TaskBatchViewDto,
  TaskDetailDto,
  TaskPageDto,
} from './task.responses';
import { TaskService } from './task.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ISSUERS = ['coordinator', 'admin'] as const;
const STAFF = ['coordinator', 'admin', 'viewer'] as const;
const READERS = ['applicant', 'coordinator', 'admin', 'viewer'] as const;
const ON_TASK = { from: 'param', key: 'id', via: 'task' } as const;

@ApiTags('tasks')
@Controller('tasks')
export class TaskController {
  constructor(private readonly tasks: TaskService) {}

  @Post()
  @Access({ roles: [...ISSUERS], org: { from: 'body', key: 'assigneeOrgId' } })
  @ApiOperation({
    summary:
      'Issue one task to an organisation in the jurisdiction (optionally a user of it): due by a Shanghai date or at an instant, a response form, a reminder policy (defaults filled)',
  })
  @ApiCreatedResponse({ type: TaskDetailDto })
  @ApiErrors(400, 404)
  issue(@CurrentUser() user: Principal, @Body() dto: IssueTaskDto): Promise<TaskDetail> {
    return this.tasks.issue(user, dto);
  }

  @Post('preview-recipients')
  @HttpCode(200)
  @Access({ roles: [...ISSUERS], org: { from: 'body', key: 'regionId', optional: true } })
  @ApiOperation({
    summary: 'The organisations a recipient filter matches in the caller’s jurisdiction: count and the first 50',
  })
  @ApiOkResponse({ type: RecipientPreviewDto })
  @ApiErrors(400, 404)
  previewRecipients(@CurrentUser() user: Principal, @Body() dto: RecipientFilterDto): Promise<RecipientPreview> {
    return this.tasks.previewRecipients(user, dto);
  }

  @Get('mine')
  @Access({ roles: ['applicant'], org: 'none' })
  @ApiOperation({
    summary:
      'The tasks of the caller’s organisation (and those assigned to the caller): status (overdue too), kind, sorted, paged',
  })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiErrors(400)
  mine(@CurrentUser() user: Principal, @Query() q: MyTasksQueryDto): Promise<Paged<TaskSummary>> {
    return this.tasks.mine(user, q);
  }

  @Get('issued')
  @Access({ roles: [...STAFF], org: 'none' })
  @ApiOperation({
    summary:
      'Tasks whose assignee lies in the caller’s jurisdiction: status (overdue too), kind, batch, search by title or organisation, due range; sorted, paged',
  })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiErrors(400)
  issued(@CurrentUser() user: Principal, @Query() q: IssuedTasksQueryDto): Promise<Paged<TaskSummary>> {
    return this.tasks.issued(user, q);
  }

  @Get('issued.xlsx')
  @Access({ roles: [...STAFF], org: 'none' })
  @ApiOperation({ summary: 'The issued tasks as filtered (XLSX)' })
  @ApiFile(XLSX, 'the task list (XLSX)')
  @ApiErrors(400)
  async issuedXlsx(
    @CurrentUser() user: Principal,
    @Query() q: IssuedTasksQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const buf = await this.tasks.exportIssued(user, q);
    res
      .status(200)
      .set({
        'Content-Type': XLSX,
        'Content-Disposition': `attachment; filename="tasks.xlsx"; filename*=UTF-8''${encodeURIComponent('任务清单.xlsx')}`,
      })
      .send(buf);
  }

  @Get(':id')
  @Access({ roles: [...READERS], org: ON_TASK })
  @ApiOperation({
    summary: 'One task: its form, responses, attachments, history, reminders sent, what the caller may do',
  })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(400, 404)
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<TaskDetail> {
    return this.tasks.detail(user, id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Access({ roles: ['applicant'], org: ON_TASK })
  @ApiOperation({ summary: 'Acknowledge an open task (the assignee)' })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(400, 404, [409, 'not open, or changed meanwhile'])
  acknowledge(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<TaskDetail> {
    return this.tasks.acknowledge(user, id);
  }

  @Post(':id/respond')
  @HttpCode(200)
  @Access({ roles: ['applicant'], org: ON_TASK })
  @ApiOperation({
    summary: 'Submit a response (the assignee): answers checked against the form, attachments uploaded first',
  })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors([400, 'details: every field problem'], 404, [409, 'not waiting for a response, or changed meanwhile'])
  respond(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RespondDto,
  ): Promise<TaskDetail> {
    return this.tasks.respond(user, id, dto.answers);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Access({ roles: [...ISSUERS], org: ON_TASK })
  @ApiOperation({ summary: 'Accept a submitted response: the task is done, its reminders stop' })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(400, 404, [409, 'not submitted, or changed meanwhile'])
  accept(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<TaskDetail> {
    return this.tasks.accept(user, id);
  }

  @Post(':id/return')
  @HttpCode(200)
  @Access({ roles: [...ISSUERS], org: ON_TASK })
  @ApiOperation({ summary: 'Return a submitted response with a reason: the task waits again, its reminders resume' })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(400, 404, [409, 'not submitted, or changed meanwhile'])
  returnTask(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<TaskDetail> {
    return this.tasks.returnTask(user, id, dto.reason);
  }

  @Post(':id/remind')
  @HttpCode(200)
  @Access({ roles: [...ISSUERS], org: ON_TASK })
  @ApiOperation({
    summary:
      'Remind the assignee now (the issuer): at most once in 10 minutes (429 task.remind_too_soon), never from 22:00 to 08:00 Shanghai (409 task.remind_quiet_hours)',
  })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(403, 404, [409, 'the task waits for no work, or quiet hours'], [429, 'reminded in the last 10 minutes'])
  remind(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<TaskDetail> {
    return this.tasks.remind(user, id);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @Access({ roles: [...ISSUERS], org: ON_TASK })
  @ApiOperation({
    summary: 'Move the due date (a new Shanghai date or instant) with a reason: the next reminder moves with it',
  })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(400, 404, [409, 'closed, or changed meanwhile'])
  extend(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ExtendDto,
  ): Promise<TaskDetail> {
    return this.tasks.extend(user, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Access({ roles: [...ISSUERS], org: ON_TASK })
  @ApiOperation({ summary: 'Cancel a task with a reason: its reminders stop' })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(400, 404, [409, 'closed, or changed meanwhile'])
  cancel(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<TaskDetail> {
    return this.tasks.cancel(user, id, dto.reason);
  }

  @Post(':id/attachments')
  @Access({ roles: ['applicant'], org: ON_TASK })
  @UseInterceptors(FileUpload('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
  })
  @ApiOperation({
    summary:
      'Upload a file for the response (the assignee, while the task waits): at most UPLOAD_MAX_BYTES, 50 per task',
  })
  @ApiCreatedResponse({ type: TaskAttachmentViewDto })
  @ApiErrors([400, 'no file'], 404, [409, 'not waiting for a response, or too many files'], 413)
  addAttachment(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: { originalname: string; mimetype: string; buffer: Buffer } | undefined,
  ): Promise<TaskAttachmentView> {
    if (!file) throw badRequest('task.file_missing');
    return this.tasks.addAttachment(user, id, {
      name: Buffer.from(file.originalname, 'latin1').toString('utf8'),
      mime: file.mimetype,
      buffer: file.buffer,
    });
  }

  @Get(':id/attachments/:attachmentId')
  @Access({ roles: [...READERS], org: ON_TASK })
  @ApiOperation({ summary: 'Download a task’s file (only those who may see the task)' })
  @ApiFile('application/octet-stream', 'the file')
  @ApiErrors(400, 404)
  async attachment(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res() res: Response,
  ): Promise<void> {
    const f = await this.tasks.attachmentFile(user, id, attachmentId);
    res.set({
      // stored files are served as downloads only, never rendered (the mime the uploader sent is not trusted)
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(f.name)}`,
      'X-Content-Type-Options': 'nosniff',
    });
    res.sendFile(f.path, { dotfiles: 'allow', cacheControl: false });
  }
}

@ApiTags('tasks')
@Controller('task-batches')
export class TaskBatchController {
  constructor(private readonly tasks: TaskService) {}

  @Post()
  // the filter's region is checked against the jurisdiction by the service (it is nested in the body)
  @Access({ roles: [...ISSUERS], org: 'none' })
  @ApiOperation({
    summary:
      'Issue a task to every organisation a filter matches in the jurisdiction: the batch is stored and the worker creates its tasks',
  })
  @ApiCreatedResponse({ type: TaskBatchViewDto })
  @ApiErrors(400, 404)
  create(@CurrentUser() user: Principal, @Body() dto: CreateTaskBatchDto): Promise<TaskBatchView> {
    return this.tasks.createBatch(user, dto);
  }

  @Get()
  @Access({ roles: [...ISSUERS], org: 'none' })
  @ApiOperation({ summary: 'The caller’s batches (admins: all), newest first, with their tasks by status' })
  @ApiOkResponse({ type: TaskBatchPageDto })
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() q: BatchListQueryDto): Promise<Paged<TaskBatchView>> {
    return this.tasks.batches(user, q);
  }

  @Get(':id')
  @Access({ roles: [...ISSUERS], org: 'none' })
  @ApiOperation({ summary: 'A batch’s progress: created of total, status, its tasks by status' })
  @ApiOkResponse({ type: TaskBatchViewDto })
  @ApiErrors(400, 404)
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<TaskBatchView> {
    return this.tasks.batch(user, id);
  }
}
