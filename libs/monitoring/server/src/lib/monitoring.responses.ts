import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  KEY_SCOPES,
  type Anomaly,
  type AnomalyKind,
  type ApiKeyCreated,
  type BulletinStatus,
  type BulletinView,
  type RectificationResult,
  type ApiKeyView,
  type CatalogueSummary,
  type ConnectionStatus,
  type ConnectionView,
  type CountsKind,
  type IngestResult,
  type InstitutionDetailView,
  type InstitutionMetrics,
  type InstitutionRow,
  type KeyScope,
  type MonitoringImportView,
  type OverviewView,
  type Period,
  type QualityScore,
  type RegionRollupView,
  type RequirementView,
  type Rollup,
  type TableDef,
  type Tier,
  type TimelinessClass,
} from '@hutong/monitoring-model';
import { PagedDto } from '@hutong/platform-server';

/** The answers of the monitoring endpoints: the OpenAPI schemas of the model's views. */

const STATUSES: ConnectionStatus[] = ['not_connected', 'connected', 'other_platform'];
const ANOMALIES: AnomalyKind[] = [
  'rate_above_100',
  'volume_without_days',
  'rate_contradicts_counts',
  'counts_all_zero',
  'table_stopped',
  'sudden_drop',
  'no_tier',
];
const TIERS: Tier[] = [1, 2, 3, 4];
const TIMELINESS: TimelinessClass[] = ['T', 'T+1', 'T+2'];

export class PeriodDto implements Period {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
}

export class TableDefViewDto implements TableDef {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() domain!: string;
  @ApiPropertyOptional({ enum: ['visits', 'discharges'] }) counts?: CountsKind;
}

export class CatalogueSummaryDto implements CatalogueSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() version!: number;
  @ApiProperty() name!: string;
  @ApiProperty() note!: string;
  @ApiProperty({ type: [TableDefViewDto] }) tables!: TableDefViewDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class IdNameViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class RequirementViewDto implements RequirementView {
  @ApiProperty({ type: () => CatalogueSummaryDto }) catalogue!: CatalogueSummaryDto;
  @ApiProperty({ type: () => IdNameViewDto, description: 'the region that set it' }) setOn!: IdNameViewDto;
}

export class TierCountsDto {
  @ApiProperty({ name: '1' }) '1'!: number;
  @ApiProperty({ name: '2' }) '2'!: number;
  @ApiProperty({ name: '3' }) '3'!: number;
  @ApiProperty({ name: '4' }) '4'!: number;
}

export class RollupDto implements Rollup {
  @ApiProperty() institutions!: number;
  @ApiProperty() connected!: number;
  @ApiProperty() connectionRate!: number;
  @ApiProperty() volume!: number;
  @ApiProperty() outpatientUploaded!: number;
  @ApiProperty() dischargeUploaded!: number;
  @ApiProperty({ type: Number, nullable: true }) outpatientRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) dischargeRate!: number | null;
  @ApiProperty({ type: () => TierCountsDto }) tiers!: Record<Tier, number>;
}

export class RegionRollupViewDto implements RegionRollupView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: () => RollupDto }) rollup!: RollupDto;
}

export class AnomalyDto implements Anomaly {
  @ApiProperty({ enum: ANOMALIES }) kind!: AnomalyKind;
  @ApiPropertyOptional() subject?: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string' }], nullable: true },
  })
  figures!: Record<string, number | string | null>;
}

class MetricsBase {
  @ApiProperty() days!: number;
  @ApiProperty() volume!: number;
  @ApiProperty() uploadDays!: number;
  @ApiProperty() interruptionDays!: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) lastUploadDate!: string | null;
  @ApiProperty() tablesRequired!: number;
  @ApiProperty() tablesUploaded!: number;
  @ApiProperty() completeness!: number;
  @ApiProperty() outpatientUploaded!: number;
  @ApiProperty() dischargeUploaded!: number;
  @ApiProperty({ type: Number, nullable: true }) outpatientRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) dischargeRate!: number | null;
  @ApiProperty() stability!: number;
  @ApiProperty({ enum: TIMELINESS, nullable: true }) timeliness!: TimelinessClass | null;
  @ApiProperty({ enum: TIERS }) tier!: Tier;
}

export class InstitutionMetricsDto extends MetricsBase implements InstitutionMetrics {
  @ApiProperty({ type: [String] }) missingTables!: string[];
}

export class RowMetricsDto extends MetricsBase {
  @ApiProperty({ description: 'how many required tables have no record' }) missingTables!: number;
}

export class ReferenceDto {
  @ApiProperty({ type: Number, nullable: true }) visits!: number | null;
  @ApiProperty({ type: Number, nullable: true }) discharges!: number | null;
}

export class InstitutionRowDto implements InstitutionRow {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() region!: string;
  @ApiProperty({ enum: STATUSES }) connection!: ConnectionStatus;
  @ApiProperty() connectionNote!: string;
  @ApiProperty({ type: () => RowMetricsDto }) metrics!: RowMetricsDto;
  @ApiProperty({ type: () => ReferenceDto }) reference!: ReferenceDto;
  @ApiProperty({ type: [AnomalyDto] }) anomalies!: AnomalyDto[];
}

export class InstitutionRowPageDto extends PagedDto(InstitutionRowDto) {}

export class ScopeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() level!: string;
}

export class OverviewViewDto implements OverviewView {
  @ApiProperty({ type: () => ScopeDto }) scope!: ScopeDto;
  @ApiProperty({ type: () => PeriodDto }) period!: PeriodDto;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty() days!: number;
  @ApiProperty({ type: () => RequirementViewDto }) requirement!: RequirementViewDto;
  @ApiProperty({ type: () => RollupDto }) rollup!: RollupDto;
  @ApiProperty({ type: [RegionRollupViewDto] }) children!: RegionRollupViewDto[];
  @ApiProperty({ description: 'institutions with at least one anomaly' }) anomalies!: number;
  @ApiProperty({ type: () => InstitutionRowPageDto }) rows!: InstitutionRowPageDto;
  @ApiProperty() computedMs!: number;
}

export class ConnectionViewDto implements ConnectionView {
  @ApiProperty({ enum: STATUSES }) status!: ConnectionStatus;
  @ApiProperty() note!: string;
  @ApiProperty({ format: 'date' }) since!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class GridDto {
  @ApiProperty({ type: [TableDefViewDto] }) tables!: TableDefViewDto[];
  @ApiProperty({ type: [String] }) days!: string[];
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'number' } } }) counts!: number[][];
}

export class DayRecordsDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty() records!: number;
}

export class QualityScoreDto implements QualityScore {
  @ApiProperty({ enum: ['logic', 'timeliness', 'completeness', 'stability', 'accuracy'] })
  measure!: QualityScore['measure'];
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty() points!: number;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) choice!: QualityScore['choice'];
  @ApiProperty({ type: Number, nullable: true }) score!: number | null;
}

export class OrgRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class ScoreComponentDto {
  @ApiProperty({ enum: ['connectivity', 'completeness', 'volume'] }) part!: 'connectivity' | 'completeness' | 'volume';
  @ApiProperty({ type: Number, nullable: true, description: 'the measured share 0…1; null: not measured' })
  share!: number | null;
  @ApiProperty() weight!: number;
  @ApiProperty({ description: 'its points of the 100' }) points!: number;
}

export class ConnectivityScoreDto {
  @ApiProperty({ description: '0…100' }) score!: number;
  @ApiProperty({ type: [ScoreComponentDto] }) components!: ScoreComponentDto[];
}

export class InstitutionDetailViewDto implements InstitutionDetailView {
  @ApiProperty({
    type: () => ConnectivityScoreDto,
    description: 'the 互联互通度 score of these figures (default weights)',
  })
  score!: ConnectivityScoreDto;
  @ApiProperty({ type: () => OrgRefDto }) org!: OrgRefDto;
  @ApiProperty({ type: () => PeriodDto }) period!: PeriodDto;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: () => RequirementViewDto }) requirement!: RequirementViewDto;
  @ApiProperty({ type: () => InstitutionMetricsDto }) metrics!: InstitutionMetricsDto;
  @ApiProperty({ type: () => ReferenceDto }) reference!: ReferenceDto;
  @ApiProperty({ type: () => ConnectionViewDto, nullable: true }) connection!: ConnectionViewDto | null;
  @ApiProperty({ type: [ConnectionViewDto] }) connectionHistory!: ConnectionViewDto[];
  @ApiProperty({ type: [AnomalyDto] }) anomalies!: AnomalyDto[];
  @ApiProperty({ type: () => GridDto }) grid!: GridDto;
  @ApiProperty({ type: [DayRecordsDto] }) daily!: DayRecordsDto[];
  @ApiProperty({ type: [QualityScoreDto] }) quality!: QualityScoreDto[];
}

export class ApiKeyViewDto implements ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'hk_1a2b3c4d_' }) prefix!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ enum: KEY_SCOPES, isArray: true }) scopes!: KeyScope[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
}

export class ApiKeyCreatedDto extends ApiKeyViewDto implements ApiKeyCreated {
  @ApiProperty({ description: 'the key, shown this once: send it as `Authorization: Bearer <key>`' }) key!: string;
}

export class IngestResultDto implements IngestResult {
  @ApiProperty({ format: 'uuid' }) batchId!: string;
  @ApiProperty() items!: number;
  @ApiProperty({ description: 'institution-days written (new or changed)' }) written!: number;
  @ApiProperty({ description: 'institution-days that already held these figures (a replay)' }) unchanged!: number;
  @ApiProperty({ description: 'institution-days holding figures computed later, kept' }) stale!: number;
}

export class SavedCountDto {
  @ApiProperty() saved!: number;
}

export class MonitoringImportViewDto implements MonitoringImportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status!: MonitoringImportView['status'];
  @ApiProperty() totalItems!: number;
  @ApiProperty() processedItems!: number;
  @ApiProperty() rows!: number;
  @ApiProperty({ type: Number, nullable: true }) written!: number | null;
  @ApiProperty({ type: Number, nullable: true }) unchanged!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty() createdBy!: string;
}

export class TrendPointDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty() records!: number;
  @ApiProperty({ description: 'institutions with records that day' }) institutions!: number;
}

export class CalendarRowDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [Boolean], description: 'per day of `days`: records that day' }) uploaded!: boolean[];
}

export class CalendarRowPageDto extends PagedDto(CalendarRowDto) {}

export class UploadCalendarViewDto {
  @ApiProperty({ type: [String] }) days!: string[];
  @ApiProperty({ type: () => CalendarRowPageDto }) rows!: CalendarRowPageDto;
}

export class BulletinTableRowDto {
  @ApiProperty({ format: 'uuid' }) orgId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() institution!: string;
  @ApiProperty() region!: string;
  @ApiProperty({ enum: STATUSES }) connection!: ConnectionStatus;
  @ApiProperty({ enum: TIERS, nullable: true }) tier!: Tier | null;
  @ApiProperty() tablesUploaded!: number;
  @ApiProperty() tablesRequired!: number;
  @ApiProperty() uploadDays!: number;
  @ApiProperty() interruptionDays!: number;
  @ApiProperty() volume!: number;
  @ApiProperty() completeness!: number;
  @ApiProperty({ type: Number, nullable: true }) outpatientRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) dischargeRate!: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) lastUploadDate!: string | null;
  @ApiProperty({ type: [String] }) anomalies!: string[];
  @ApiPropertyOptional() note?: string;
}

export class InterruptedDto {
  @ApiProperty() institution!: string;
  @ApiProperty() days!: number;
}

export class TierMembersDto {
  @ApiProperty({ name: '1', type: [String] }) '1'!: string[];
  @ApiProperty({ name: '2', type: [String] }) '2'!: string[];
  @ApiProperty({ name: '3', type: [String] }) '3'!: string[];
  @ApiProperty({ name: '4', type: [String] }) '4'!: string[];
}

export class BulletinFactsDto {
  @ApiProperty() institutions!: number;
  @ApiProperty() connected!: number;
  @ApiProperty() connectionRate!: number;
  @ApiProperty({ type: [String] }) notConnected!: string[];
  @ApiProperty({ type: [String] }) otherPlatform!: string[];
  @ApiProperty({ type: () => TierMembersDto }) tiers!: Record<Tier, string[]>;
  @ApiProperty({ type: [String] }) noTier!: string[];
  @ApiProperty({ type: [InterruptedDto] }) interrupted!: InterruptedDto[];
}

export class BulletinSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) seriesId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['draft', 'published', 'superseded'] }) status!: BulletinStatus;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) scopeId!: string;
  @ApiProperty() scopeName!: string;
  @ApiProperty({ type: () => PeriodDto }) period!: PeriodDto;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty() institutions!: number;
  @ApiProperty() connected!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) publishedBy!: string | null;
  @ApiProperty() tasksOpened!: number;
}

export class RequirementTextViewDto {
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date' }) due!: string;
}

export class BulletinViewDto extends BulletinSummaryDto implements BulletinView {
  @ApiProperty() issuer!: string;
  @ApiProperty() catalogue!: string;
  @ApiProperty({ type: () => RequirementTextViewDto, nullable: true }) requirement!: RequirementTextViewDto | null;
  @ApiProperty({ type: () => BulletinFactsDto }) facts!: BulletinFactsDto;
  @ApiProperty({ type: [String] }) generated!: string[];
  @ApiProperty({ type: [String] }) narrative!: string[];
  @ApiProperty({ type: [BulletinTableRowDto] }) rows!: BulletinTableRowDto[];
}

export class RectificationResultDto implements RectificationResult {
  @ApiProperty({ description: 'tasks opened now' }) opened!: number;
  @ApiProperty({ description: 'institutions that already had one from this bulletin' }) skipped!: number;
}

export class ScoreRowDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() region!: string;
  @ApiProperty({ enum: STATUSES }) connection!: ConnectionStatus;
  @ApiProperty({ type: () => ConnectivityScoreDto }) score!: ConnectivityScoreDto;
}

export class ScoreRowPageDto extends PagedDto(ScoreRowDto) {}

export class ScoreWeightsDto {
  @ApiProperty() connectivity!: number;
  @ApiProperty() completeness!: number;
  @ApiProperty() volume!: number;
}

export class ScoreViewDto {
  @ApiProperty({ type: () => IdNameViewDto }) scope!: IdNameViewDto;
  @ApiProperty() year!: number;
  @ApiProperty({ type: () => PeriodDto }) period!: PeriodDto;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: () => ScoreWeightsDto }) weights!: ScoreWeightsDto;
  @ApiProperty() average!: number;
  @ApiProperty({ type: () => ScoreRowPageDto }) rows!: ScoreRowPageDto;
}
