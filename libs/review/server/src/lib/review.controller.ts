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
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type {
  AutoAssignView,
  ConformanceReportView,
  ConsolidationView,
  EligibilityMatrix,
  ExpertView,
  MyAssignment,
  PanelScoresView,
  QuestionView,
  RemindResult,
  ReviewSessionSummary,
  ReviewSessionView,
  ScoreSheetView,
  SheetEntryView,
} from '@hutong/review-model';
import { CONFORMANCE_FILE_MAX_BYTES } from '@hutong/review-model';
import type { Paged } from '@hutong/platform-model';
import { shanghaiDate } from '@hutong/platform-model';
import { Access, ApiErrors, ApiFile, CurrentUser, FileUpload, coded, type Principal } from '@hutong/platform-server';
import {
  AddCasesDto,
  AssignDto,
  AutoAssignDto,
  BulkAssignDto,
  CreateExpertDto,
  CreateSessionDto,
  DeclareConflictDto,
  CandidateQueryDto,
  ExpertListQueryDto,
  ExpertSelfDto,
  InviteDto,
  RaiseQuestionDto,
  ReasonDto,
  RespondInvitationDto,
  SaveConsolidationDto,
  SaveSheetDto,
  SessionFieldsDto,
  SessionListQueryDto,
  SetChairDto,
  UpdateCaseDto,
  UpdateExpertDto,
  VersionDto,
} from './review.dto';
import {
  AutoAssignViewDto,
  ConformanceReportViewDto,
  ConsolidationViewDto,
  EligibilityMatrixDto,
  ExpertCandidateDto,
  ExpertPageDto,
  ExpertViewDto,
  MyAssignmentDto,
  PanelScoresViewDto,
  QuestionViewDto,
  RemindResultDto,
  ReviewSessionSummaryDto,
  ReviewSessionViewDto,
  SavedSheetDto,
  ScoreSheetViewDto,
} from './review.responses';
import { ExpertService } from './expert.service';
import { SessionService } from './session.service';
import { ScoringService } from './scoring.service';
import { QuestionService } from './question.service';
import { ConformanceService } from './conformance.service';
import { meetingNoticeDocx } from './meeting-notice';
import { ScoringReminders } from './scoring-reminders';
import { ReviewExportService, type ExportFile } from './review-exports.service';

const STAFF = ['coordinator', 'admin'] as const;
const READERS = ['coordinator', 'admin', 'viewer'] as const;
const ON_SESSION = { from: 'param', key: 'id', via: 'review_session' } as const;
const ON_CASE = { from: 'param', key: 'caseId', via: 'review_case' } as const;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendExport(res: Response, mime: string, fallback: string, f: ExportFile): void {
  res.set({
    'Content-Type': mime,
    'Content-Disposition': `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(f.name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
  res.send(f.body);
}

function sendFile(res: Response, f: { path: string; name: string; mime: string }): void {
  res.set({
    'Content-Type': f.mime,
    'Content-Disposition': `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(f.name)}`,
    'X-Content-Type-Options': 'nosniff',
  });
  res.sendFile(f.path, { dotfiles: 'allow', cacheControl: false, headers: { 'Cache-Control': 'private, no-store' } });
}

@ApiTags('review')
@Controller('review/experts')
export class ExpertController {
  constructor(private readonly experts: ExpertService) {}

  @Get()
  @Access({ roles: [...READERS], org: 'none' })
  @ApiOperation({ summary: 'The expert pool (专家库): name or affiliation search, by specialty or pool' })
  @ApiOkResponse({ type: ExpertPageDto })
  list(@Query() q: ExpertListQueryDto): Promise<Paged<ExpertView>> {
    return this.experts.list(q);
  }

  @Post()
  @Access({ roles: [...STAFF], org: { from: 'body', key: 'affiliationOrgId' } })
  @ApiOperation({ summary: 'Add an expert profile for a user with the expert role (affiliation in the jurisdiction)' })
  @ApiCreatedResponse({ type: ExpertViewDto })
  @ApiErrors(400, 404, 409)
  create(@CurrentUser() user: Principal, @Body() dto: CreateExpertDto): Promise<ExpertView> {
    return this.experts.create(user, dto);
  }

  @Get('candidates')
  @Access({ roles: [...STAFF], org: 'none' })
  @ApiOperation({ summary: 'Users with the expert role and no profile yet, in my jurisdiction (to add to the pool)' })
  @ApiOkResponse({ type: [ExpertCandidateDto] })
  candidates(
    @CurrentUser() user: Principal,
    @Query() q: CandidateQueryDto,
  ): Promise<
    { id: string; username: string; displayName: string; organisation: { id: string; name: string } | null }[]
  > {
    return this.experts.candidates(user, q.q);
  }

  @Get('me')
  @Access({ roles: ['expert'], org: 'none' })
  @ApiOperation({ summary: 'My expert profile' })
  @ApiOkResponse({ type: ExpertViewDto })
  mine(@CurrentUser() user: Principal): Promise<ExpertView> {
    return this.experts.mine(user);
  }

  @Patch('me')
  @Access({ roles: ['expert'], org: 'none' })
  @ApiOperation({ summary: 'Keep my vendor ties, consulting and unavailable dates' })
  @ApiOkResponse({ type: ExpertViewDto })
  @ApiErrors(400)
  updateMine(@CurrentUser() user: Principal, @Body() dto: ExpertSelfDto): Promise<ExpertView> {
    return this.experts.updateMine(user, dto);
  }

  @Post('conflicts')
  @HttpCode(200)
  @Access({ roles: ['expert', ...STAFF], org: 'none' })
  @ApiOperation({
    summary:
      'Declare a conflict of interest with an application (an expert for itself; staff for an expert): its assignments there end',
  })
  @ApiOkResponse({ schema: { type: 'object', properties: { removedAssignments: { type: 'integer' } } } })
  @ApiErrors(400, 404)
  declare(@CurrentUser() user: Principal, @Body() dto: DeclareConflictDto): Promise<{ removedAssignments: number }> {
    return this.experts.declareConflict(user, dto);
  }

  @Get(':id')
  @Access({ roles: [...READERS], org: 'none' })
  @ApiOperation({ summary: 'One expert profile' })
  @ApiOkResponse({ type: ExpertViewDto })
  @ApiErrors(404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ExpertView> {
    return this.experts.get(id);
  }

  @Patch(':id')
  @Access({ roles: [...STAFF], org: 'none' })
  @ApiOperation({ summary: 'Change an expert profile (affiliation in the jurisdiction)' })
  @ApiOkResponse({ type: ExpertViewDto })
  @ApiErrors(400, 404)
  update(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateExpertDto,
  ): Promise<ExpertView> {
    return this.experts.update(user, id, dto);
  }
}

@ApiTags('review')
@Controller('review')
export class ReviewController {
  constructor(
    private readonly sessions: SessionService,
    private readonly scoring: ScoringService,
    private readonly questions: QuestionService,
    private readonly conformance: ConformanceService,
    private readonly reminders: ScoringReminders,
    private readonly exports: ReviewExportService,
  ) {}

  // ---- sessions ----

  @Post('sessions')
  @Access({ roles: [...STAFF], org: { from: 'body', key: 'cycleId', via: 'cycle' } })
  @ApiOperation({
    summary: 'Plan a review session (文审会 or 现场查验) of a cycle: date, online or venue, slots, panel size',
  })
  @ApiCreatedResponse({ type: ReviewSessionViewDto })
  @ApiErrors(400, 404)
  create(@CurrentUser() user: Principal, @Body() dto: CreateSessionDto): Promise<ReviewSessionView> {
    return this.sessions.create(user, dto);
  }

  @Get('sessions')
  @Access({ roles: [...READERS, 'expert'], org: 'none' })
  @ApiOperation({ summary: 'Sessions in my jurisdiction (staff) or on whose panel I am (experts)' })
  @ApiOkResponse({ type: [ReviewSessionSummaryDto] })
  list(@CurrentUser() user: Principal, @Query() q: SessionListQueryDto): Promise<ReviewSessionSummary[]> {
    return this.sessions.list(user, q.cycleId);
  }

  @Get('sessions/:id')
  @Access({ roles: [...READERS, 'expert'], org: 'none' })
  @ApiOperation({
    summary: 'One session: panel, cases and assignments (an expert sees only its own cases), agenda, progress',
  })
  @ApiOkResponse({ type: ReviewSessionViewDto })
  @ApiErrors(404)
  view(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ReviewSessionView> {
    return this.sessions.view(user, id);
  }

  @Patch('sessions/:id')
  @Access({ roles: [...STAFF], org: ON_SESSION })
  @ApiOperation({ summary: 'Change a session’s date, place, slots or panel rules' })
  @ApiOkResponse({ type: ReviewSessionViewDto })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SessionFieldsDto,
  ): Promise<ReviewSessionView> {
    return this.sessions.update(user, id, dto);
  }

  @Post('sessions/:id/start')
  @HttpCode(200)
  @Access({ roles: [...STAFF], org: ON_SESSION })
  @ApiOperation({
    summary: 'Open scoring: needs a chair who accepted and a panel for every case; the experts are told',
  })
  @ApiOkResponse({ type: ReviewSessionViewDto })
  @ApiErrors(404, 409)
  start(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ReviewSessionView> {
    return this.sessions.startScoring(user, id);
  }

  @Post('sessions/:id/remind')
  @HttpCode(200)
  @Access({ roles: [...STAFF], org: ON_SESSION })
  @ApiOperation({
    summary:
      'Remind now every expert whose sheet in a session in scoring is not submitted (once per expert and day; the worker also reminds by the deadline on its own)',
  })
  @ApiOkResponse({ type: RemindResultDto })
  @ApiErrors(404, 409)
  remind(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<RemindResult> {
    return this.reminders.remindNow(user, id);
  }

  @Get('sessions/:id/notice.docx')
  @Access({ roles: [...READERS, 'expert'], org: 'none' })
  @ApiOperation({ summary: 'The meeting notice (会议通知) with the agenda, as DOCX' })
  @ApiFile(DOCX, 'the notice')
  @ApiErrors(404)
  async notice(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    const a = await this.sessions.agenda(user, id);
    const buf = await meetingNoticeDocx({
      cycleName: a.cycleName,
      sessionTitle: a.session.title,
      date: a.session.date,
      mode: a.session.mode,
      location: a.session.location,
      chair: a.chair ?? '',
      panel: a.panel,
      agenda: a.agenda,
      slotMinutes: { present: a.session.slotPresent, questions: a.session.slotQuestions },
      issuer: a.cycleName,
      issuedOn: shanghaiDate(new Date()),
    });
    res.set({
      'Content-Type': DOCX,
      'Content-Disposition': `attachment; filename="notice.docx"; filename*=UTF-8''${encodeURIComponent(`${a.session.title}-会议通知.docx`)}`,
      'Cache-Control': 'private, no-store',
    });
    res.send(buf);
  }

  @Get('sessions/:id/results.xlsx')
  @Access({ roles: [...READERS], org: 'none' })
  @ApiOperation({
    summary:
      'The session’s result table (文审结果汇总表 / 现场查验结果汇总表): per application the consensus total, the level by 表8-2, the on-site conclusion, the opinion and the rectification required',
  })
  @ApiFile(XLSX, 'the result table')
  @ApiErrors(404)
  async results(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    sendExport(res, XLSX, 'results.xlsx', await this.exports.results(user, id));
  }

  @Get('cases/:id/checklist.xlsx')
  @Access({ roles: [...READERS, 'expert'], org: 'none' })
  @ApiOperation({
    summary:
      'An application’s checklist generated from its scheme up to the target level (现场查验检查表: the qualitative indicators; 专家文审评分表: every scored item), with the self-assessment beside each item; the office’s copy carries the findings (consensus and the submitted sheets’ comments) and the rectification required. Experts only for cases they are on (404 otherwise).',
  })
  @ApiFile(XLSX, 'the checklist')
  @ApiErrors(404)
  async checklist(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    sendExport(res, XLSX, 'checklist.xlsx', await this.exports.checklist(user, id));
  }

  @Post('sessions/:id/panel')
  @HttpCode(200)
  @Access({ roles: [...STAFF], org: ON_SESSION })
  @ApiOperation({ summary: 'Invite experts to the panel (they accept or decline in their workspace)' })
  @ApiOkResponse({ type: ReviewSessionViewDto })
  @ApiErrors(404, 409)
  invite(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: InviteDto,
  ): Promise<ReviewSessionView> {
    return this.sessions.invite(user, id, dto);
  }

  @Post('sessions/:id/respond')
  @HttpCode(200)
  @Access({ roles: ['expert'], org: 'none' })
  @ApiOperation({ summary: 'Accept or decline my invitation (declining ends my unsubmitted assignments there)' })
  @ApiOkResponse({ type: ReviewSessionViewDto })
  @ApiErrors(403, 404, 409)
  respond(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RespondInvitationDto,
  ): Promise<ReviewSessionView> {
    return this.sessions.respond(user, id, dto);
  }

  @Post('sessions/:id/chair')
  @HttpCode(200)
  @Access({ roles: [...STAFF], org: ON_SESSION })
  @ApiOperation({ summary: 'Name the chair (组长): a member who accepted' })
  @ApiOkResponse({ type: ReviewSessionViewDto })
  @ApiErrors(404, 409)
  chair(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SetChairDto,
  ): Promise<ReviewSessionView> {
    return this.sessions.setChair(user, id, dto.expertId);
  }

  @Delete('sessions/:id/panel/:expertId')
  @Access({ roles: [...STAFF], org: ON_SESSION })
  @ApiOperation({ summary: 'Take an expert off the panel (its unsubmitted assignments end)' })
  @ApiOkResponse({ type: ReviewSessionViewDto })
  @ApiErrors(404, 409)
  removeMember(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('expertId', ParseUUIDPipe) expertId: string,
  ): Promise<ReviewSessionView> {
    return this.sessions.removeMember(user, id, expertId);
  }

  @Post('sessions/:id/cases')
  @HttpCode(200)
  @Access({ roles: [...STAFF], org: ON_SESSION })
  @ApiOperation({ summary: 'Add applications of the cycle in the session’s stage (document review / on site)' })
  @ApiOkResponse({ type: ReviewSessionViewDto })
  @ApiErrors(400, 404, 409)
  addCases(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AddCasesDto,
  ): Promise<ReviewSessionView> {
    return this.sessions.addCases(user, id, dto);
  }

  @Patch('cases/:caseId')
  @Access({ roles: [...STAFF], org: ON_CASE })
  @ApiOperation({ summary: 'A case’s vendors (承建单位, for conflicts), needed specialties and agenda position' })
  @ApiOkResponse({ type: ReviewSessionViewDto })
  @ApiErrors(400, 404)
  updateCase(
    @CurrentUser() user: Principal,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Body() dto: UpdateCaseDto,
  ): Promise<ReviewSessionView> {
    return this.sessions.updateCase(user, caseId, dto);
  }

  @Delete('cases/:caseId')
  @Access({ roles: [...STAFF], org: ON_CASE })
  @ApiOperation({ summary: 'Take an application out of the session (not once a sheet is submitted)' })
  @ApiOkResponse({ type: ReviewSessionViewDto })
  @ApiErrors(404, 409)
  removeCase(
    @CurrentUser() user: Principal,
    @Param('caseId', ParseUUIDPipe) caseId: string,
  ): Promise<ReviewSessionView> {
    return this.sessions.removeCase(user, caseId);
  }

  @Get('sessions/:id/eligibility')
  @Access({ roles: [...STAFF], org: ON_SESSION })
  @ApiOperation({ summary: 'Why each panel member may or may not review each case (conflicts, availability, load)' })
  @ApiOkResponse({ type: EligibilityMatrixDto })
  @ApiErrors(404)
  eligibility(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<EligibilityMatrix> {
    return this.sessions.eligibility(user, id);
  }

  @Post('cases/:caseId/assignments')
  @HttpCode(200)
  @Access({ roles: [...STAFF], org: ON_CASE })
  @ApiOperation({ summary: 'Assign one expert to a case (refused with the reasons when the rules forbid it)' })
  @ApiOkResponse({ type: ReviewSessionViewDto })
  @ApiErrors(404, 409)
  assign(
    @CurrentUser() user: Principal,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Body() dto: AssignDto,
  ): Promise<ReviewSessionView> {
    return this.sessions.assign(user, caseId, dto.expertId);
  }

  @Delete('assignments/:id')
  @Access({ roles: [...STAFF], org: 'none' })
  @ApiOperation({ summary: 'End an assignment (not once its sheet is submitted)' })
  @ApiOkResponse({ type: ReviewSessionViewDto })
  @ApiErrors(404, 409)
  unassign(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ReviewSessionView> {
    return this.sessions.unassign(user, id);
  }

  @Post('sessions/:id/assignments/bulk')
  @HttpCode(200)
  @Access({ roles: [...STAFF], org: ON_SESSION })
  @ApiOperation({ summary: 'Assign every listed expert to every listed case — all or nothing, each refusal listed' })
  @ApiOkResponse({ type: ReviewSessionViewDto })
  @ApiErrors(404, 409)
  bulk(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: BulkAssignDto,
  ): Promise<ReviewSessionView> {
    return this.sessions.bulkAssign(user, id, dto);
  }

  @Post('sessions/:id/assignments/auto')
  @HttpCode(200)
  @Access({ roles: [...STAFF], org: ON_SESSION })
  @ApiOperation({
    summary:
      'Automatic assignment among the accepted members: cover each case’s specialties, balance load, never a conflict (a proposal unless apply)',
  })
  @ApiOkResponse({ type: AutoAssignViewDto })
  @ApiErrors(404, 409)
  auto(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AutoAssignDto,
  ): Promise<AutoAssignView> {
    return this.sessions.autoAssign(user, id, dto.apply);
  }

  // ---- scoring ----

  @Get('assignments/mine')
  @Access({ roles: ['expert'], org: 'none' })
  @ApiOperation({ summary: 'My assignments with their deadlines and progress' })
  @ApiOkResponse({ type: [MyAssignmentDto] })
  mine(@CurrentUser() user: Principal): Promise<MyAssignment[]> {
    return this.scoring.mine(user);
  }

  @Get('assignments/:id')
  @Access({ roles: ['expert'], org: 'none' })
  @ApiOperation({
    summary: 'My score sheet beside the applicant’s self-assessment and evidence (404 unless it is mine)',
  })
  @ApiOkResponse({ type: ScoreSheetViewDto })
  @ApiErrors(404)
  sheet(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ScoreSheetView> {
    return this.scoring.sheet(user, id);
  }

  @Put('assignments/:id/sheet')
  @Access({ roles: ['expert'], org: 'none' })
  @ApiOperation({
    summary:
      'Autosave the changed indicators of my sheet on the version they were made on (409 review.sheet_stale with the current sheet otherwise)',
  })
  @ApiOkResponse({ type: SavedSheetDto })
  @ApiErrors(400, 404, 409)
  save(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SaveSheetDto,
  ): Promise<{ version: number; entries: Record<string, SheetEntryView>; savedAt: string }> {
    return this.scoring.save(user, id, dto);
  }

  @Post('assignments/:id/submit')
  @HttpCode(200)
  @Access({ roles: ['expert'], org: 'none' })
  @ApiOperation({ summary: 'Submit my sheet (every indicator scored); it locks' })
  @ApiOkResponse({ type: ScoreSheetViewDto })
  @ApiErrors(404, 409, 422)
  submit(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: VersionDto,
  ): Promise<ScoreSheetView> {
    return this.scoring.submit(user, id, dto.version);
  }

  @Post('assignments/:id/reopen')
  @HttpCode(200)
  @Access({ roles: ['expert', ...STAFF], org: 'none' })
  @ApiOperation({ summary: 'Reopen a submitted sheet with a reason (the chair or the office); the expert is told' })
  @ApiOkResponse({
    schema: { type: 'object', properties: { assignmentId: { type: 'string' }, version: { type: 'integer' } } },
  })
  @ApiErrors(403, 404, 409)
  reopen(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<{ assignmentId: string; version: number }> {
    return this.scoring.reopen(user, id, dto.reason);
  }

  @Get('assignments/:id/panel-scores')
  @Access({ roles: ['expert'], org: 'none' })
  @ApiOperation({ summary: 'The other members’ submitted sheets — only after I submitted mine (blind scoring)' })
  @ApiOkResponse({ type: PanelScoresViewDto })
  @ApiErrors(403, 404)
  panelScores(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<PanelScoresView> {
    return this.scoring.panelScores(user, id);
  }

  @Get('assignments/:id/evidence/:evidenceId')
  @Access({ roles: ['expert'], org: 'none' })
  @ApiOperation({ summary: 'An evidence file of the application I am assigned to' })
  @ApiFile('application/octet-stream', 'the file')
  @ApiErrors(404)
  async evidence(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('evidenceId', ParseUUIDPipe) evidenceId: string,
    @Res() res: Response,
  ): Promise<void> {
    sendFile(res, await this.scoring.evidenceFile(user, id, evidenceId));
  }

  @Post('assignments/:id/questions')
  @Access({ roles: ['expert'], org: 'none' })
  @ApiOperation({ summary: 'Raise a question (质询) on an indicator: the applicant gets a task due on the date' })
  @ApiCreatedResponse({ type: QuestionViewDto })
  @ApiErrors(400, 404, 409)
  ask(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RaiseQuestionDto,
  ): Promise<QuestionView> {
    return this.questions.raise(user, id, dto);
  }

  @Get('questions/:id/files/:fileId')
  @Access({ roles: ['expert', ...READERS], org: 'none' })
  @ApiOperation({ summary: 'A file of the applicant’s answer (the panel of the case, the office)' })
  @ApiFile('application/octet-stream', 'the file')
  @ApiErrors(404)
  async answerFile(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @Res() res: Response,
  ): Promise<void> {
    sendFile(res, await this.questions.answerFile(user, id, fileId));
  }

  // ---- consolidation ----

  @Get('cases/:caseId/consolidation')
  @Access({ roles: ['expert', ...READERS], org: 'none' })
  @ApiOperation({
    summary: 'The chair’s screen: per indicator each submitted score, median, spread, divergence, consensus',
  })
  @ApiOkResponse({ type: ConsolidationViewDto })
  @ApiErrors(403, 404)
  consolidation(
    @CurrentUser() user: Principal,
    @Param('caseId', ParseUUIDPipe) caseId: string,
  ): Promise<ConsolidationView> {
    return this.scoring.consolidation(user, caseId);
  }

  @Put('cases/:caseId/consolidation')
  @Access({ roles: ['expert', ...STAFF], org: 'none' })
  @ApiOperation({
    summary: 'Save consensus scores and the panel’s opinion (评审意见) on the version they were made on',
  })
  @ApiOkResponse({ type: ConsolidationViewDto })
  @ApiErrors(400, 403, 404, 409)
  saveConsolidation(
    @CurrentUser() user: Principal,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Body() dto: SaveConsolidationDto,
  ): Promise<ConsolidationView> {
    return this.scoring.saveConsolidation(user, caseId, dto);
  }

  @Post('cases/:caseId/confirm')
  @HttpCode(200)
  @Access({ roles: ['expert', ...STAFF], org: 'none' })
  @ApiOperation({
    summary: 'Confirm the review: the consensus (median by default) and the opinion go to the application’s rating',
  })
  @ApiOkResponse({ type: ConsolidationViewDto })
  @ApiErrors(403, 404, 409, 422)
  confirm(
    @CurrentUser() user: Principal,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Body() dto: VersionDto,
  ): Promise<ConsolidationView> {
    return this.scoring.confirm(user, caseId, dto.version);
  }

  // ---- standard-conformance testing ----

  @Post('applications/:id/conformance')
  @Access({ roles: [...STAFF], org: { from: 'param', key: 'id', via: 'application' } })
  @UseInterceptors(FileUpload('file', CONFORMANCE_FILE_MAX_BYTES))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
  })
  @ApiOperation({
    summary:
      'Import the conformance test tool’s results (CSV or XLSX, ≤ 2 MB): all or nothing, every bad row named (422)',
  })
  @ApiCreatedResponse({ type: ConformanceReportViewDto })
  @ApiErrors(400, 404, 409, 413, 422)
  importConformance(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
  ): Promise<ConformanceReportView> {
    if (!file) throw coded('review.conformance_file_missing');
    return this.conformance.import(user, id, file);
  }

  @Get('applications/:id/conformance')
  @Access({ roles: ['applicant', ...READERS], org: { from: 'param', key: 'id', via: 'application' } })
  @ApiOperation({ summary: 'The latest conformance report of an application (null when none)' })
  @ApiOkResponse({ type: ConformanceReportViewDto })
  @ApiErrors(404)
  latestConformance(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ConformanceReportView | null> {
    return this.conformance.latest(user, id);
  }
}
