import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type {
  ApiKeyCreated,
  ApiKeyView,
  BulletinSummary,
  BulletinView,
  RectificationResult,
  CatalogueSummary,
  ConnectionView,
  IngestResult,
  InstitutionDetailView,
  MonitoringImportView,
  OverviewView,
  RequirementView,
  ScoreView,
  TrendPoint,
  UploadCalendarView,
} from '@hutong/monitoring-model';
import { DEFAULT_SCORE_WEIGHTS } from '@hutong/monitoring-model';
import type { Response } from 'express';
import { overviewWorkbook } from './overview-export';
import { BulletinService } from './bulletin.service';
import { bulletinDocx, bulletinXlsx } from './bulletin-documents';
import {
  Access,
  ApiErrors,
  ApiFile,
  CurrentUser,
  FileUpload,
  Public,
  coded,
  type Principal,
} from '@hutong/platform-server';
import { ApiKeyGuard, ApiKeyService, CurrentKey, KeyScopeRequired, keyActor, type KeyPrincipal } from './api-keys';
import { CatalogueService } from './catalogue.service';
import { ConnectionService } from './connection.service';
import { IngestionService } from './ingestion.service';
import { MetricsService } from './metrics.service';
import { StatisticsImportService } from './statistics-import';
import {
  CreateApiKeyDto,
  CreateBulletinDto,
  RectifyDto,
  ReviseBulletinDto,
  UpdateBulletinDto,
  OverviewQueryDto,
  PeriodQueryDto,
  SaveCatalogueDto,
  SaveReferencesDto,
  ScopePeriodQueryDto,
  ScoreQueryDto,
  SetConnectionDto,
  SetRequirementDto,
  StatisticsBatchDto,
} from './monitoring.dto';
import {
  ApiKeyCreatedDto,
  ApiKeyViewDto,
  BulletinSummaryDto,
  BulletinViewDto,
  RectificationResultDto,
  CatalogueSummaryDto,
  ConnectionViewDto,
  IngestResultDto,
  InstitutionDetailViewDto,
  MonitoringImportViewDto,
  OverviewViewDto,
  RequirementViewDto,
  SavedCountDto,
  ScoreViewDto,
  TrendPointDto,
  UploadCalendarViewDto,
} from './monitoring.responses';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function sendFile(res: Response, type: string, name: string, buf: Buffer): void {
  res.setHeader('content-type', type);
  const ascii = name.endsWith('.docx') ? 'bulletin.docx' : name.endsWith('.xlsx') ? 'bulletin.xlsx' : 'download';
  res.setHeader('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  res.send(buf);
}

const STAFF = ['coordinator', 'admin'] as const;
const READERS = ['coordinator', 'admin', 'viewer', 'national'] as const;
const langOf = (h: string | undefined): 'zh' | 'en' => (h?.toLowerCase().startsWith('en') ? 'en' : 'zh');

/** Where a machine sender posts its statistics (the api gives this route a larger body limit). */
export const MONITORING_INGEST_PATH = '/api/monitoring/ingest';

@ApiTags('monitoring')
@Controller('monitoring')
export class MonitoringController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly catalogues: CatalogueService,
    private readonly connections: ConnectionService,
    private readonly keys: ApiKeyService,
    private readonly imports: StatisticsImportService,
  ) {}

  @Get('overview')
  @Access({ roles: [...READERS], org: { from: 'query', key: 'scope' } })
  @ApiOperation({
    summary: "A region's institutions over a period: metrics, tiers, anomalies, rollups by sub-region",
    description:
      'Every institution (hospital, regional platform) under the scope, read as of `asOf` (default today, Asia/Shanghai): ' +
      'volume, upload days, tables uploaded of the required catalogue, completeness, interruption days, last upload, ' +
      'upload rates against 卫统, timeliness, stability, tier. `rows` is one page of them filtered and sorted as asked; ' +
      '`rollup` and `children` cover all of them.',
  })
  @ApiOkResponse({ type: OverviewViewDto })
  overview(@CurrentUser() user: Principal, @Query() q: OverviewQueryDto): Promise<OverviewView> {
    return this.metrics.overview(user.scopePath, q);
  }

  @Get('overview/export')
  @Access({ roles: [...READERS], org: { from: 'query', key: 'scope' } })
  @ApiOperation({ summary: "The overview's institutions (all of them, filtered and sorted as asked) as XLSX" })
  @ApiFile(XLSX, 'the workbook')
  @ApiErrors(404)
  async exportOverview(
    @CurrentUser() user: Principal,
    @Query() q: OverviewQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const { view, rows } = await this.metrics.allRows(user.scopePath, q);
    sendFile(res, XLSX, `${view.scope.name}数据上传情况.xlsx`, await overviewWorkbook(view, rows));
  }

  @Get('trend')
  @Access({ roles: [...READERS], org: { from: 'query', key: 'scope' } })
  @ApiOperation({ summary: "Per counted day: the scope's records and how many institutions uploaded" })
  @ApiOkResponse({ type: [TrendPointDto] })
  trend(@CurrentUser() user: Principal, @Query() q: ScopePeriodQueryDto): Promise<TrendPoint[]> {
    return this.metrics.trend(user.scopePath, q);
  }

  @Get('calendar')
  @Access({ roles: [...READERS], org: { from: 'query', key: 'scope' } })
  @ApiOperation({ summary: 'Upload days per institution of the scope (a page of institutions, by name)' })
  @ApiOkResponse({ type: UploadCalendarViewDto })
  calendar(@CurrentUser() user: Principal, @Query() q: ScopePeriodQueryDto): Promise<UploadCalendarView> {
    return this.metrics.calendar(user.scopePath, q);
  }

  @Get('scores')
  @Access({ roles: [...READERS], org: { from: 'query', key: 'scope' } })
  @ApiOperation({
    summary: "The annual 互联互通度 scores of a region's institutions (connectivity, completeness, volume; weights)",
    description:
      'Per institution for the calendar year: connectivity = connected × share of days with uploads, completeness = tables ' +
      'uploaded ÷ required, volume = uploaded visits ÷ 卫统 visits (at most 1; left out without a reference). ' +
      'Score = 100 × the weighted mean (default weights 0.4 / 0.3 / 0.3), with the breakdown. Highest first.',
  })
  @ApiOkResponse({ type: ScoreViewDto })
  scores(@CurrentUser() user: Principal, @Query() q: ScoreQueryDto): Promise<ScoreView> {
    return this.metrics.scores(user.scopePath, {
      scope: q.scope,
      year: q.year,
      ...(q.asOf ? { asOf: q.asOf } : {}),
      weights: {
        connectivity: q.connectivity ?? DEFAULT_SCORE_WEIGHTS.connectivity,
        completeness: q.completeness ?? DEFAULT_SCORE_WEIGHTS.completeness,
        volume: q.volume ?? DEFAULT_SCORE_WEIGHTS.volume,
      },
      ...(q.page ? { page: q.page } : {}),
      ...(q.pageSize ? { pageSize: q.pageSize } : {}),
    });
  }

  @Get('institutions/:id')
  @Access({ roles: [...READERS, 'applicant'], org: { from: 'param', key: 'id' } })
  @ApiOperation({
    summary: "One institution's metrics, anomalies, connection history and per-table × per-day grid",
  })
  @ApiOkResponse({ type: InstitutionDetailViewDto })
  institution(@Param('id', ParseUUIDPipe) id: string, @Query() q: PeriodQueryDto): Promise<InstitutionDetailView> {
    return this.metrics.institution(id, q);
  }

  @Put('institutions/:id/connection')
  @Access({ roles: [...STAFF], org: { from: 'param', key: 'id' } })
  @ApiOperation({ summary: "Record an institution's connection status from a date (kept as history, audited)" })
  @ApiOkResponse({ type: ConnectionViewDto })
  setConnection(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SetConnectionDto,
  ): Promise<ConnectionView> {
    return this.connections.set(
      { id: user.id, name: user.displayName || user.username, ip: user.ip, userAgent: user.userAgent },
      id,
      dto.since ? { status: dto.status, note: dto.note, since: dto.since } : { status: dto.status, note: dto.note },
    );
  }

  @Post('references')
  @Access({ roles: [...STAFF], org: 'none' })
  @ApiOperation({
    summary: 'Store 卫统 reference volumes (visits, discharges per institution and period) in your jurisdiction',
    description: 'A period given again replaces its figures. One bad row refuses them all (422 with every bad row).',
  })
  @ApiOkResponse({ type: SavedCountDto })
  async saveReferences(@CurrentUser() user: Principal, @Body() dto: SaveReferencesDto): Promise<{ saved: number }> {
    const actor = { id: user.id, name: user.displayName || user.username, ip: user.ip, userAgent: user.userAgent };
    return { saved: await this.connections.saveReferences(actor, user.scopePath, dto.rows, '卫生健康统计（导入）') };
  }

  @Get('catalogues')
  @Access({ roles: [...READERS], org: 'none' })
  @ApiOperation({ summary: 'The table catalogues (latest version of each)' })
  @ApiOkResponse({ type: [CatalogueSummaryDto] })
  catalogueList(): Promise<CatalogueSummary[]> {
    return this.catalogues.list();
  }

  @Get('catalogues/:key/versions')
  @Access({ roles: [...READERS], org: 'none' })
  @ApiOperation({ summary: "A catalogue's versions, newest first" })
  @ApiOkResponse({ type: [CatalogueSummaryDto] })
  catalogueVersions(@Param('key') key: string): Promise<CatalogueSummary[]> {
    return this.catalogues.versions(key);
  }

  @Post('catalogues')
  @Access({ roles: ['admin'], org: 'none' })
  @ApiOperation({ summary: 'Save a catalogue: its next version (or its first)' })
  @ApiOkResponse({ type: CatalogueSummaryDto })
  saveCatalogue(@CurrentUser() user: Principal, @Body() dto: SaveCatalogueDto): Promise<CatalogueSummary> {
    return this.catalogues.save(user, dto);
  }

  @Get('requirements/:orgId')
  @Access({ roles: [...READERS, 'applicant'], org: { from: 'param', key: 'orgId' } })
  @ApiOperation({ summary: 'The catalogue required at an organisation (set on it or the nearest region above)' })
  @ApiOkResponse({ type: RequirementViewDto })
  requirement(@Param('orgId', ParseUUIDPipe) orgId: string): Promise<RequirementView> {
    return this.catalogues.requirementAt(orgId);
  }

  @Put('requirements/:orgId')
  @Access({ roles: [...STAFF], org: { from: 'param', key: 'orgId' } })
  @ApiOperation({ summary: 'Set the catalogue a region requires of the institutions under it' })
  @ApiOkResponse({ type: RequirementViewDto })
  setRequirement(
    @CurrentUser() user: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() dto: SetRequirementDto,
  ): Promise<RequirementView> {
    return this.catalogues.setRequirement(user, orgId, dto.catalogueKey);
  }

  @Get('keys')
  @Access({ roles: [...STAFF], org: 'none' })
  @ApiOperation({ summary: 'Api keys of senders in your jurisdiction' })
  @ApiOkResponse({ type: [ApiKeyViewDto] })
  keyList(@CurrentUser() user: Principal): Promise<ApiKeyView[]> {
    return this.keys.list(user);
  }

  @Post('keys')
  @Access({ roles: [...STAFF], org: { from: 'body', key: 'organisationId' } })
  @ApiOperation({ summary: 'Issue an api key for a sender (the key is in the answer this once)' })
  @ApiOkResponse({ type: ApiKeyCreatedDto })
  createKey(@CurrentUser() user: Principal, @Body() dto: CreateApiKeyDto): Promise<ApiKeyCreated> {
    return this.keys.create(user, dto);
  }

  @Delete('keys/:id')
  @Access({ roles: [...STAFF], org: 'none' })
  @ApiOperation({ summary: 'Revoke an api key (at once)' })
  @ApiOkResponse({ type: ApiKeyViewDto })
  revokeKey(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ApiKeyView> {
    return this.keys.revoke(user, id);
  }

  @Post('imports')
  @HttpCode(202)
  @Access({ roles: [...STAFF], org: 'none' })
  @UseInterceptors(FileUpload('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
  })
  @ApiOperation({
    summary: 'Import daily statistics from CSV or XLSX (the worker writes them, with progress)',
    description:
      'Long layout: 机构编码, 业务日期, 表编码, 记录数[, 上传日期] (one row per institution × table × day); wide layout: ' +
      '机构编码, 业务日期[, 上传日期] and a column per table code. Every row is checked first: any bad row → 422 with every ' +
      'bad line and its code, nothing written. A day given again replaces it. See docs/monitoring.md.',
  })
  @ApiAcceptedResponse({ type: MonitoringImportViewDto })
  @ApiErrors([413, 'over UPLOAD_MAX_BYTES or IMPORT_MAX_ROWS'], [422, 'details.errors: every bad line'])
  upload(
    @CurrentUser() user: Principal,
    @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined,
    @Headers('accept-language') lang?: string,
  ): Promise<MonitoringImportView> {
    if (!file) throw coded('import.file_missing');
    return this.imports.upload(
      user,
      Buffer.from(file.originalname, 'latin1').toString('utf8'),
      file.buffer,
      langOf(lang),
    );
  }

  @Get('imports')
  @Access({ roles: [...STAFF], org: 'none' })
  @ApiOperation({ summary: 'Recent statistics imports in your jurisdiction' })
  @ApiOkResponse({ type: [MonitoringImportViewDto] })
  importList(@CurrentUser() user: Principal): Promise<MonitoringImportView[]> {
    return this.imports.recent(user);
  }

  @Get('imports/:id')
  @Access({ roles: [...STAFF], org: 'none' })
  @ApiOperation({ summary: "A statistics import's progress" })
  @ApiOkResponse({ type: MonitoringImportViewDto })
  importGet(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<MonitoringImportView> {
    return this.imports.get(user, id);
  }
}

/** Bulletins (通报): generated from the data, edited (wording only), published, versioned, with rectification tasks. */
@ApiTags('monitoring')
@Controller('monitoring/bulletins')
export class BulletinController {
  constructor(private readonly bulletins: BulletinService) {}

  @Get()
  @Access({ roles: [...READERS], org: 'none' })
  @ApiOperation({ summary: 'Bulletins in your jurisdiction, newest first' })
  @ApiOkResponse({ type: [BulletinSummaryDto] })
  list(@CurrentUser() user: Principal): Promise<BulletinSummary[]> {
    return this.bulletins.list(user);
  }

  @Post()
  @Access({ roles: [...STAFF], org: { from: 'body', key: 'scope' } })
  @ApiOperation({
    summary: 'Generate a bulletin (a draft) for a region and period from the data',
    description:
      'The attachment table is every institution of the scope with its figures; the facts (connected count and rate, ' +
      'the tiers with their members, interruptions) are counted from that table and the narrative written from the facts.',
  })
  @ApiOkResponse({ type: BulletinViewDto })
  create(@CurrentUser() user: Principal, @Body() dto: CreateBulletinDto): Promise<BulletinView> {
    return this.bulletins.create(user, dto);
  }

  @Get(':id')
  @Access({ roles: [...READERS], org: { from: 'param', key: 'id', via: 'mon_bulletin' } })
  @ApiOperation({ summary: 'A bulletin with its table, facts and text' })
  @ApiOkResponse({ type: BulletinViewDto })
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<BulletinView> {
    return this.bulletins.get(user, id);
  }

  @Patch(':id')
  @Access({ roles: [...STAFF], org: { from: 'param', key: 'id', via: 'mon_bulletin' } })
  @ApiOperation({
    summary: "Edit a draft: title, issuer, the text's wording, the requirement",
    description: 'A figure the generated text does not have is refused (422 monitoring.bulletin_figures_changed).',
  })
  @ApiOkResponse({ type: BulletinViewDto })
  update(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateBulletinDto,
  ): Promise<BulletinView> {
    return this.bulletins.update(user, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Access({ roles: [...STAFF], org: { from: 'param', key: 'id', via: 'mon_bulletin' } })
  @ApiOperation({ summary: 'Publish a draft (an earlier published version becomes superseded)' })
  @ApiOkResponse({ type: BulletinViewDto })
  publish(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<BulletinView> {
    return this.bulletins.publish(user, id);
  }

  @Post(':id/revise')
  @Access({ roles: [...STAFF], org: { from: 'param', key: 'id', via: 'mon_bulletin' } })
  @ApiOperation({ summary: 'A new draft version of a published bulletin, generated again from the data' })
  @ApiOkResponse({ type: BulletinViewDto })
  revise(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReviseBulletinDto,
  ): Promise<BulletinView> {
    return this.bulletins.revise(user, id, dto.asOf);
  }

  @Post(':id/rectification')
  @HttpCode(200)
  @Access({ roles: [...STAFF], org: { from: 'param', key: 'id', via: 'mon_bulletin' } })
  @ApiOperation({
    summary:
      'Open rectification tasks for the institutions of a published bulletin (not connected, interrupted, tier 3 or 4)',
    description:
      'Each gets a task (reason, next steps, completion date) due at the end of dueDate; once per institution.',
  })
  @ApiOkResponse({ type: RectificationResultDto })
  rectify(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RectifyDto,
  ): Promise<RectificationResult> {
    return this.bulletins.rectify(user, id, dto);
  }

  @Get(':id/docx')
  @Access({ roles: [...READERS], org: { from: 'param', key: 'id', via: 'mon_bulletin' } })
  @ApiOperation({ summary: 'The bulletin as Word (GB/T 9704 layout, the attachment table after the text)' })
  @ApiFile(DOCX, 'the document')
  @ApiErrors(404)
  async docx(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    const b = await this.bulletins.get(user, id);
    sendFile(res, DOCX, `${b.title}（第${b.version}版）.docx`, await bulletinDocx(b));
  }

  @Get(':id/xlsx')
  @Access({ roles: [...READERS], org: { from: 'param', key: 'id', via: 'mon_bulletin' } })
  @ApiOperation({ summary: "The bulletin's attachment table (and text) as Excel" })
  @ApiFile(XLSX, 'the workbook')
  @ApiErrors(404)
  async xlsx(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    const b = await this.bulletins.get(user, id);
    sendFile(res, XLSX, `${b.title}（第${b.version}版）.xlsx`, await bulletinXlsx(b));
  }
}

/** The machine api: senders authenticate with an api key (Authorization: Bearer hk_…), not a user session. */
@ApiTags('monitoring-ingest')
@ApiBearerAuth()
@Controller('monitoring/ingest')
@UseGuards(ApiKeyGuard)
export class IngestController {
  constructor(
    private readonly ingestion: IngestionService,
    private readonly connections: ConnectionService,
  ) {}

  @Post('statistics')
  @HttpCode(200)
  @Public()
  @KeyScopeRequired('statistics')
  @ApiOperation({
    summary: 'Send daily statistics (institution × business day × table records)',
    description:
      'Each item is one institution and business day with its records per table: re-sending a day replaces it, a replayed ' +
      'batch changes nothing, an item computed (asOf) before the stored one is kept out. Any bad item refuses the whole ' +
      'batch: 422 with details.errors[{ index, code, reason, message }] — codes 01 format, 02 institution, 03 table, ' +
      '04 date, 05 count, 06 duplicate, 07 timeliness (00 = accepted). See docs/monitoring.md for examples.',
  })
  @ApiOkResponse({ type: IngestResultDto })
  @ApiErrors(
    [401, 'no or a revoked key'],
    [403, 'the key lacks the scope'],
    [413, 'too many items'],
    [422, 'bad items'],
  )
  statistics(
    @CurrentKey() key: KeyPrincipal,
    @Body() dto: StatisticsBatchDto,
    @Headers('accept-language') lang?: string,
  ): Promise<IngestResult> {
    return this.ingestion.ingest(dto.items, {
      source: 'api',
      under: key.path,
      actor: keyActor(key),
      keyId: key.keyId,
      lang: langOf(lang),
    });
  }

  @Post('references')
  @HttpCode(200)
  @Public()
  @KeyScopeRequired('references')
  @ApiOperation({ summary: 'Send 卫统 reference volumes (visits, discharges per institution and period)' })
  @ApiOkResponse({ type: SavedCountDto })
  @ApiErrors([401, 'no or a revoked key'], [403, 'the key lacks the scope'], [422, 'bad rows'])
  async references(@CurrentKey() key: KeyPrincipal, @Body() dto: SaveReferencesDto): Promise<{ saved: number }> {
    return { saved: await this.connections.saveReferences(keyActor(key), key.path, dto.rows, `接口：${key.name}`) };
  }
}
