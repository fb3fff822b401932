import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type {
  AnswerChange,
  ApplicationSummary,
  ApplicationVersionView,
  ApplicationView,
  BulkTransitionResult,
  CycleView,
  EvidenceView,
  PublicityEntry,
  SchemeSummary,
  SchemeView,
} from '@hutong/assessment-model';
import { EVIDENCE_MAX_BYTES, SCHEME_IMPORT_MAX_BYTES } from '@hutong/assessment-model';
import type { Paged } from '@hutong/platform-model';
import { Access, ApiErrors, ApiFile, CurrentUser, OkDto } from '@hutong/platform-server';
import type { Principal } from '@hutong/platform-server';
import { badRequest } from '@hutong/platform-server';
import { FileUpload } from '@hutong/platform-server';
import {
  BoardQueryDto,
  BulkTransitionDto,
  ConsensusScoresDto,
  CreateApplicationDto,
  CreateCycleDto,
  CycleListQueryDto,
  DiffQueryDto,
  DocumentReviewDto,
  ObjectionDto,
  OnsiteResultDto,
  RecordConformanceDto,
  SaveAnswersDto,
  SpotCheckDto,
  TransitionDto,
  UpdateCycleDto,
  UpdateSchemeDto,
} from './assessment.dto';
import {
  AnswerChangeDto,
  ApplicationPageDto,
  ApplicationSummaryDto,
  ApplicationVersionViewDto,
  ApplicationViewDto,
  BulkTransitionResultDto,
  CycleViewDto,
  EvidenceViewDto,
  PublicityEntryDto,
  SchemeSummaryDto,
  SchemeViewDto,
} from './assessment.responses';
import { ApplicationService } from './application.service';
import { CycleService } from './cycle.service';
import { ReportsService } from './reports.service';
import { SchemeService } from './scheme.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** who reads a jurisdiction's applications and cycles; `national` reads nationwide (its scope is the whole tree) */
const STAFF = ['coordinator', 'national', 'admin', 'viewer'] as const;
const IN_APPLICATIONS = ['applicant', 'coordinator', 'national', 'admin', 'viewer'] as const;
const SCHEME_READERS = ['admin', 'national', 'coordinator', 'viewer'] as const;

function download(res: Response, buf: Buffer, mime: string, fileName: string): void {
  res
    .status(200)
    .set({
      'Content-Type': mime,
      'Content-Disposition': `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    })
    .send(buf);
}

@ApiTags('assessment')
@Controller('schemes')
export class SchemeController {
  constructor(private readonly schemes: SchemeService) {}

  @Get()
  @Access({ roles: [...SCHEME_READERS, 'applicant'], org: 'none' })
  @ApiOperation({ summary: 'Indicator schemes and their versions' })
  @ApiOkResponse({ type: [SchemeSummaryDto] })
  list(): Promise<SchemeSummary[]> {
    return this.schemes.list();
  }

  @Get(':id')
  @Access({ roles: [...SCHEME_READERS, 'applicant'], org: 'none' })
  @ApiOperation({ summary: 'One scheme version: the indicator tree and the level rules' })
  @ApiOkResponse({ type: SchemeViewDto })
  @ApiErrors(400, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<SchemeView> {
    return this.schemes.get(id);
  }

  @Get(':id/export.json')
  @Access({ roles: [...SCHEME_READERS], org: 'none' })
  @ApiOperation({ summary: 'The scheme in the published format of the official schemes (JSON; import takes it back)' })
  @ApiFile('application/json', 'the scheme (JSON)')
  @ApiErrors(400, 404)
  async exportJson(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    const { file, name } = await this.schemes.exportJson(id);
    download(res, Buffer.from(JSON.stringify(file, null, 1)), 'application/json', name);
  }

  @Get(':id/export.xlsx')
  @Access({ roles: [...SCHEME_READERS], org: 'none' })
  @ApiOperation({ summary: 'The scheme as a workbook: the indicators and 表8-2 with the level totals (XLSX)' })
  @ApiFile(XLSX, 'the scheme (XLSX)')
  @ApiErrors(400, 404)
  async exportXlsx(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    const { buf, name } = await this.schemes.exportXlsx(id);
    download(res, buf, XLSX, name);
  }

  @Post('import')
  @Access({ roles: ['admin'], org: 'none' })
  @UseInterceptors(FileUpload('file', SCHEME_IMPORT_MAX_BYTES))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
  })
  @ApiOperation({
    summary:
      'Import a scheme in the published format (JSON, at most 2 MB): a new key becomes version 1, a known key its next version',
  })
  @ApiCreatedResponse({ type: SchemeViewDto })
  @ApiErrors([400, 'not a scheme file, or the scheme breaks the rules (every problem listed)'], 413)
  importScheme(
    @CurrentUser() user: Principal,
    @UploadedFile() file: { buffer: Buffer } | undefined,
  ): Promise<SchemeView> {
    if (!file) throw badRequest('scheme.import_file_missing');
    return this.schemes.import(user, file.buffer);
  }

  @Put(':id')
  @Access({ roles: ['admin'], org: 'none' })
  @ApiOperation({
    summary:
      'Edit a scheme (admins). A scheme used by an application is never changed in place: the edit becomes a new version.',
  })
  @ApiOkResponse({ type: SchemeViewDto, description: 'the scheme, or its new version' })
  @ApiErrors(400, 404, [422, 'the tree or the level rules break the scheme rules'])
  update(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSchemeDto,
  ): Promise<SchemeView> {
    return this.schemes.update(user, id, dto);
  }
}

@ApiTags('assessment')
@Controller('cycles')
export class CycleController {
  constructor(
    private readonly cycles: CycleService,
    private readonly applications: ApplicationService,
    private readonly reports: ReportsService,
  ) {}

  @Get()
  @Access({ roles: [...IN_APPLICATIONS], org: 'none' })
  @ApiOperation({
    summary: 'Cycles that cover the caller or lie in its jurisdiction, with counts by state (archived: ?archived=true)',
  })
  @ApiOkResponse({ type: [CycleViewDto] })
  @ApiErrors(400)
  list(@CurrentUser() user: Principal, @Query() q: CycleListQueryDto): Promise<CycleView[]> {
    return this.cycles.list(user, q.archived ?? false);
  }

  @Post()
  @Access({ roles: ['coordinator', 'admin'], org: { from: 'body', key: 'jurisdictionId' } })
  @ApiOperation({
    summary:
      'Open a cycle (年度/批次) for a jurisdiction with schemes, eligible kinds and stage windows (Asia/Shanghai dates)',
  })
  @ApiCreatedResponse({ type: CycleViewDto })
  @ApiErrors(400, 404, 409)
  create(@CurrentUser() user: Principal, @Body() dto: CreateCycleDto): Promise<CycleView> {
    return this.cycles.create(user, dto);
  }

  @Get(':id')
  @Access({ roles: [...IN_APPLICATIONS], org: { from: 'param', key: 'id', via: 'cycle' } })
  @ApiOperation({ summary: 'One cycle' })
  @ApiOkResponse({ type: CycleViewDto })
  @ApiErrors(400, 404)
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<CycleView> {
    return this.cycles.get(user, id);
  }

  @Patch(':id')
  @Access({ roles: ['coordinator', 'admin'], org: { from: 'param', key: 'id', via: 'cycle' } })
  @ApiOperation({ summary: 'Edit a cycle: name, stage windows (in stage order, not overlapping), publicity days' })
  @ApiOkResponse({ type: CycleViewDto })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCycleDto,
  ): Promise<CycleView> {
    return this.cycles.update(user, id, dto);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Access({ roles: ['coordinator', 'admin'], org: { from: 'param', key: 'id', via: 'cycle' } })
  @ApiOperation({ summary: 'Close an open cycle: no new applications; those under way go on' })
  @ApiOkResponse({ type: CycleViewDto })
  @ApiErrors(400, 404, [409, 'the cycle is not open'])
  close(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<CycleView> {
    return this.cycles.changeStatus(user, id, 'close');
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Access({ roles: ['coordinator', 'admin'], org: { from: 'param', key: 'id', via: 'cycle' } })
  @ApiOperation({ summary: 'Archive a closed cycle: hidden from the default cycle lists' })
  @ApiOkResponse({ type: CycleViewDto })
  @ApiErrors(400, 404, [409, 'the cycle is not closed'])
  archive(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<CycleView> {
    return this.cycles.changeStatus(user, id, 'archive');
  }

  @Get(':id/applications')
  @Access({ roles: [...STAFF], org: { from: 'param', key: 'id', via: 'cycle' } })
  @ApiOperation({
    summary:
      'The cycle board: one page of the applications in the jurisdiction, filtered by state, kind, level, region, lateness, sorted',
  })
  @ApiOkResponse({ type: ApplicationPageDto })
  @ApiErrors(400, 404)
  board(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: BoardQueryDto,
  ): Promise<Paged<ApplicationSummary>> {
    return this.applications.board(user, id, q);
  }

  @Get(':id/results.xlsx')
  @Access({ roles: [...STAFF], org: { from: 'param', key: 'id', via: 'cycle' } })
  @ApiOperation({ summary: 'The results list of the cycle (XLSX)' })
  @ApiFile(XLSX, 'the results list (XLSX)')
  @ApiErrors(400, 404)
  async results(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    download(res, await this.reports.resultsXlsx(user, id), XLSX, '测评结果.xlsx');
  }
}

@ApiTags('assessment')
@Controller('applications')
export class ApplicationController {
  constructor(
    private readonly applications: ApplicationService,
    private readonly reports: ReportsService,
  ) {}

  @Get()
  @Access({ roles: [...IN_APPLICATIONS], org: 'none' })
  @ApiOperation({ summary: "Applications the caller may see: an applicant's own, a coordinator's jurisdiction" })
  @ApiOkResponse({ type: [ApplicationSummaryDto] })
  list(@CurrentUser() user: Principal): Promise<ApplicationSummary[]> {
    return this.applications.mine(user);
  }

  @Get('publicity')
  @Access({ roles: [...IN_APPLICATIONS], org: 'none' })
  @ApiOperation({
    summary:
      'Results under publicity (公示) or published in the cycles that cover the caller, with whether it may object now',
  })
  @ApiOkResponse({ type: [PublicityEntryDto] })
  publicity(@CurrentUser() user: Principal): Promise<PublicityEntry[]> {
    return this.applications.publicity(user);
  }

  @Post()
  @Access({ roles: ['applicant', 'coordinator', 'admin'], org: { from: 'body', key: 'organisationId' } })
  @ApiOperation({ summary: 'Apply for a target level in an open cycle' })
  @ApiCreatedResponse({ type: ApplicationViewDto })
  @ApiErrors(400, 404, 409)
  create(@CurrentUser() user: Principal, @Body() dto: CreateApplicationDto): Promise<ApplicationView> {
    return this.applications.create(user, dto);
  }

  @Post('bulk-transitions')
  @HttpCode(200)
  @Access({ roles: ['coordinator', 'admin'], org: 'none' })
  @ApiOperation({
    summary: 'Apply one action to many applications; each is checked on its own (jurisdiction, state, guards)',
  })
  @ApiOkResponse({ type: BulkTransitionResultDto, description: 'which were done, which refused and why' })
  @ApiErrors(400)
  bulk(@CurrentUser() user: Principal, @Body() dto: BulkTransitionDto): Promise<BulkTransitionResult> {
    return this.applications.bulk(user, dto.applicationIds, dto.action, dto.note);
  }

  @Get(':id')
  @Access({ roles: [...IN_APPLICATIONS], org: { from: 'param', key: 'id', via: 'application' } })
  @ApiOperation({ summary: 'One application: answers, evidence, stage, what the caller may do next, history' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiErrors(400, 404)
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationView> {
    return this.applications.view(user, id);
  }

  @Put(':id/answers')
  @Access({ roles: ['applicant'], org: { from: 'param', key: 'id', via: 'application' } })
  @ApiOperation({ summary: 'Autosave the self-assessment (draft or returned)' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiErrors(400, 404, [409, 'the application is not editable in its state'])
  save(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SaveAnswersDto,
  ): Promise<ApplicationView> {
    return this.applications.saveAnswers(user, id, dto);
  }

  @Post(':id/evidence')
  @Access({ roles: ['applicant'], org: { from: 'param', key: 'id', via: 'application' } })
  @UseInterceptors(FileUpload('file', EVIDENCE_MAX_BYTES))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { itemCode: { type: 'string' }, file: { type: 'string', format: 'binary' } },
      required: ['itemCode', 'file'],
    },
  })
  @ApiOperation({ summary: 'Upload an evidence file (PDF, Office, image — checked by content; SHA-256 stored)' })
  @ApiCreatedResponse({ type: EvidenceViewDto })
  @ApiErrors([400, 'no file, no itemCode, or a file type that is not accepted'], 404, 409, 413)
  addEvidence(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body('itemCode') itemCode: unknown,
    @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined,
  ): Promise<EvidenceView> {
    if (!file) throw badRequest('evidence.file_missing');
    if (typeof itemCode !== 'string' || !itemCode) throw badRequest('evidence.item_code_missing');
    return this.applications.addEvidence(
      user,
      id,
      itemCode,
      Buffer.from(file.originalname, 'latin1').toString('utf8'),
      file.buffer,
    );
  }

  @Delete(':id/evidence/:evidenceId')
  @HttpCode(204)
  @Access({ roles: ['applicant'], org: { from: 'param', key: 'id', via: 'application' } })
  @ApiOperation({ summary: 'Remove an evidence file from the draft (earlier versions keep it)' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiErrors(400, 404, 409)
  removeEvidence(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
  ): Promise<void> {
    return this.applications.removeEvidence(user, id, evidenceId);
  }

  @Get(':id/evidence/:evidenceId')
  @Access({ roles: [...IN_APPLICATIONS], org: { from: 'param', key: 'id', via: 'application' } })
  @ApiOperation({ summary: 'Download an evidence file (only those who may see the application)' })
  @ApiFile('application/octet-stream', 'the file, in its own content type')
  @ApiErrors(400, 404)
  async evidence(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Res() res: Response,
  ): Promise<void> {
    const f = await this.applications.evidenceFile(id, evidenceId);
    res.set({
      'Content-Type': f.mime,
      'Content-Disposition': `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
      'X-Content-Type-Options': 'nosniff',
    });
    // the storage folder may sit under a dot-folder (.data): allow it, the path is ours, never the user's.
    // sendFile would set Cache-Control: public, max-age=0: a file of an application is never for shared caches
    res.sendFile(f.path, {
      dotfiles: 'allow',
      cacheControl: false,
      headers: { 'Cache-Control': 'private, no-store' },
    });
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Access({ roles: [...IN_APPLICATIONS], org: { from: 'param', key: 'id', via: 'application' } })
  @ApiOperation({
    summary:
      'A stage transition decided by the stage machine: 409 with the reason when illegal, 422 with the missing items on an incomplete submit',
  })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiErrors(
    400,
    404,
    [409, 'not allowed now: the message says why'],
    [422, 'an incomplete self-assessment: details lists the missing items'],
  )
  transition(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TransitionDto,
  ): Promise<ApplicationView> {
    return this.applications.transition(user, id, dto);
  }

  @Post(':id/objections')
  @HttpCode(200)
  @Access({ roles: ['applicant', 'coordinator', 'admin'], org: 'none' })
  @ApiOperation({ summary: 'File an objection (异议) during publicity: any organisation the cycle covers' })
  @ApiOkResponse({ type: OkDto })
  @ApiErrors(400, 404, [409, 'not under publicity, or the caller may not object'])
  async object(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ObjectionDto,
  ): Promise<{ ok: true }> {
    await this.applications.fileObjection(user, id, dto.reason);
    return { ok: true };
  }

  @Put(':id/consensus-scores')
  @Access({ roles: ['coordinator', 'admin'], org: { from: 'param', key: 'id', via: 'application' } })
  @ApiOperation({ summary: 'Enter consensus scores (rating stage); later the panel chair’s manual override' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiErrors(400, 404, 409)
  scores(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ConsensusScoresDto,
  ): Promise<ApplicationView> {
    return this.applications.setConsensusScores(user, id, dto.scores);
  }

  @Post(':id/conformance')
  @HttpCode(200)
  @Access({ roles: ['coordinator', 'admin'], org: { from: 'param', key: 'id', via: 'application' } })
  @ApiOperation({
    summary:
      'Record the standard conformance test’s result (标准符合性测试, only in conformance_testing); finish_conformance then moves on',
  })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiErrors(400, 404, [409, 'the application is not in the conformance test'])
  async conformance(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordConformanceDto,
  ): Promise<ApplicationView> {
    await this.applications.recordConformance(user, id, dto);
    return this.applications.view(user, id);
  }

  @Post(':id/document-review')
  @HttpCode(200)
  @Access({ roles: ['coordinator', 'admin'], org: { from: 'param', key: 'id', via: 'application' } })
  @ApiOperation({
    summary:
      'Consolidate the document review (文审结果汇总: consensus scores and the panel’s opinion, only in document_review); to_onsite / to_rating wait for it',
  })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiErrors(400, 404, [409, 'the application is not in the document review'])
  async documentReview(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DocumentReviewDto,
  ): Promise<ApplicationView> {
    await this.applications.recordConsensus(user, id, {
      stage: 'document_review',
      scores: dto.scores,
      opinion: dto.opinion,
    });
    return this.applications.view(user, id);
  }

  @Post(':id/onsite-result')
  @HttpCode(200)
  @Access({ roles: ['coordinator', 'admin'], org: { from: 'param', key: 'id', via: 'application' } })
  @ApiOperation({
    summary: 'Record the on-site inspection’s result (现场查验结果, only in onsite); finish_onsite waits for it',
  })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiErrors(400, 404, [409, 'the application is not in the on-site inspection'])
  async onsiteResult(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: OnsiteResultDto,
  ): Promise<ApplicationView> {
    await this.applications.recordOnsite(user, id, {
      passed: dto.passed,
      findings: dto.findings,
      rectification: dto.rectification ?? null,
    });
    return this.applications.view(user, id);
  }

  @Post(':id/spot-check')
  @HttpCode(200)
  @Access({ roles: ['national'], org: { from: 'param', key: 'id', via: 'application' } })
  @ApiOperation({
    summary:
      'Record the national body’s spot check (飞行检查) of a published result; a failed one is followed by the revoke transition',
  })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiErrors(400, 404, [409, 'the result is not published'])
  async spotCheck(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SpotCheckDto,
  ): Promise<ApplicationView> {
    await this.applications.recordSpotCheck(user, id, dto);
    return this.applications.view(user, id);
  }

  @Get(':id/versions')
  @Access({ roles: [...IN_APPLICATIONS], org: { from: 'param', key: 'id', via: 'application' } })
  @ApiOperation({ summary: 'Every submitted version' })
  @ApiOkResponse({ type: [ApplicationVersionViewDto] })
  @ApiErrors(400, 404)
  versions(@Param('id', ParseUUIDPipe) id: string): Promise<ApplicationVersionView[]> {
    return this.applications.versions(id);
  }

  @Get(':id/diff')
  @Access({ roles: [...IN_APPLICATIONS], org: { from: 'param', key: 'id', via: 'application' } })
  @ApiOperation({ summary: 'What changed between two submitted versions' })
  @ApiOkResponse({ type: [AnswerChangeDto] })
  @ApiErrors(400, 404)
  diff(@Param('id', ParseUUIDPipe) id: string, @Query() q: DiffQueryDto): Promise<AnswerChange[]> {
    return this.applications.diff(id, q.from, q.to);
  }

  @Get(':id/report.docx')
  @Access({ roles: [...IN_APPLICATIONS], org: { from: 'param', key: 'id', via: 'application' } })
  @ApiOperation({ summary: 'The assessment report (测评报告) with scores, comments and the level' })
  @ApiFile(DOCX, 'the report (DOCX)')
  @ApiErrors(400, 404)
  async report(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response): Promise<void> {
    const r = await this.reports.reportDocx(id);
    download(res, r.buffer, DOCX, r.fileName);
  }
}
