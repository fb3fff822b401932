import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPLICATION_ACTIONS,
  APPLICATION_STATES,
  CYCLE_STATUSES,
  LEVELS,
  SCHEME_KINDS,
  type AnswerChange,
  type ApplicationAction,
  type ApplicationState,
  type ApplicationSummary,
  type ApplicationVersionView,
  type ApplicationView,
  type BulkTransitionResult,
  type ConformanceResult,
  type CycleStatus,
  type CycleView,
  type EvidenceView,
  type Level,
  type MyObjection,
  type ObjectionView,
  type OnsiteResult,
  type ReturnReason,
  type ReviewOpinion,
  type ReviewOpinions,
  type SpotCheck,
  type PublicityEntry,
  type SchemeKind,
  type SchemeSummary,
  type SchemeView,
  type StageEventView,
} from '@hutong/assessment-model';
import { ORG_KINDS, type OrgKind } from '@hutong/platform-model';
import { OrgRefDto, PagedDto } from '@hutong/platform-server';
import { AnswerDto, IndicatorNodeDto, LevelRuleDto, StageWindowDto } from './assessment.dto';

/** The answers of the assessment endpoints: the OpenAPI schemas of the model's views. */

export class SchemeSummaryDto implements SchemeSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'hospital-2020' }) key!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: SCHEME_KINDS }) kind!: SchemeKind;
  @ApiProperty() name!: string;
  @ApiProperty() allowLowerLevel!: boolean;
  @ApiProperty() inUse!: boolean;
  @ApiProperty() latest!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class SchemeViewDto implements SchemeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'hospital-2020' }) key!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: SCHEME_KINDS }) kind!: SchemeKind;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [IndicatorNodeDto] }) tree!: IndicatorNodeDto[];
  @ApiProperty({ type: [LevelRuleDto] }) levelRules!: LevelRuleDto[];
  @ApiProperty() allowLowerLevel!: boolean;
  @ApiProperty() inUse!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CycleViewDto implements CycleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CYCLE_STATUSES }) status!: CycleStatus;
  @ApiProperty({ example: '2026年度第一批' }) name!: string;
  @ApiProperty() year!: number;
  @ApiProperty() batch!: number;
  @ApiProperty({ type: () => OrgRefDto }) jurisdiction!: OrgRefDto;
  @ApiProperty({ type: [String] }) schemeIds!: string[];
  @ApiProperty({ enum: ORG_KINDS, isArray: true }) eligibleKinds!: OrgKind[];
  @ApiProperty({ type: [StageWindowDto] }) windows!: StageWindowDto[];
  @ApiProperty() publicityDays!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(APPLICATION_STATES.map((s) => [s, { type: 'integer' }])),
    description: 'applications by state (states without any are left out)',
  })
  counts!: Partial<Record<ApplicationState, number>>;
}

export class EvidenceViewDto implements EvidenceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() itemCode!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() mime!: string;
  @ApiProperty() size!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

export class ApplicationSummaryDto implements ApplicationSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) cycleId!: string;
  @ApiProperty({ type: () => OrgRefDto }) organisation!: OrgRefDto;
  @ApiProperty({ type: [String], description: 'names from the province down' }) regionPath!: string[];
  @ApiProperty({ enum: ORG_KINDS }) orgKind!: OrgKind;
  @ApiProperty() schemeKey!: string;
  @ApiProperty() schemeName!: string;
  @ApiProperty() schemeVersion!: number;
  @ApiProperty({ enum: LEVELS }) targetLevel!: Level;
  @ApiProperty({ enum: APPLICATION_STATES }) state!: ApplicationState;
  @ApiProperty({ enum: LEVELS, nullable: true }) achievedLevel!: Level | null;
  @ApiProperty({ type: String, nullable: true, description: 'Asia/Shanghai date the current step is due' })
  dueDate!: string | null;
  @ApiProperty() late!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** One page of a cycle's board. */
export class ApplicationPageDto extends PagedDto(ApplicationSummaryDto) {}

export class ObjectionViewDto implements ObjectionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    type: () => OrgRefDto,
    nullable: true,
    description: 'shown to coordinators and to the objector itself; null for everyone else',
  })
  filedBy!: OrgRefDto | null;
  @ApiProperty({ description: "filed by the caller's organisation" }) mine!: boolean;
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, nullable: true }) resolution!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) upheld!: boolean | null;
}

export class ActionAvailabilityDto {
  @ApiProperty({ enum: APPLICATION_ACTIONS }) action!: ApplicationAction;
  @ApiProperty() allowed!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'why it is blocked' }) reason!: string | null;
}

export class StageEventViewDto implements StageEventView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ enum: [...APPLICATION_ACTIONS, 'create', 'save'] }) action!: ApplicationAction | 'create' | 'save';
  @ApiProperty({ enum: APPLICATION_STATES, nullable: true }) from!: ApplicationState | null;
  @ApiProperty({ enum: APPLICATION_STATES }) to!: ApplicationState;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class ReturnReasonViewDto implements ReturnReason {
  @ApiProperty({ description: "the item returned; '' for the whole application (a failed conformance test)" })
  itemCode!: string;
  @ApiProperty() reason!: string;
  @ApiPropertyOptional({
    example: 'application.conformance_failed_reason',
    description: 'a reason the system wrote: its code, which the web translates',
  })
  code?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] } })
  params?: Record<string, string | number>;
}

export class ConformanceResultDto implements ConformanceResult {
  @ApiProperty() passed!: boolean;
  @ApiProperty() items!: number;
  @ApiProperty() failedItems!: number;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class ReviewOpinionDto implements ReviewOpinion {
  @ApiProperty() opinion!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ReviewOpinionsDto implements ReviewOpinions {
  @ApiPropertyOptional({ type: ReviewOpinionDto }) document_review?: ReviewOpinionDto;
  @ApiPropertyOptional({ type: ReviewOpinionDto }) onsite?: ReviewOpinionDto;
}

export class OnsiteResultViewDto implements OnsiteResult {
  @ApiProperty() passed!: boolean;
  @ApiProperty() findings!: number;
  @ApiProperty({ type: String, nullable: true }) rectification!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class SpotCheckViewDto implements SpotCheck {
  @ApiProperty({ example: '2026-11-20' }) date!: string;
  @ApiProperty() passed!: boolean;
  @ApiProperty() note!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() recordedBy!: string;
}

export class ApplicationViewDto extends ApplicationSummaryDto implements ApplicationView {
  @ApiProperty({ format: 'uuid' }) schemeId!: string;
  @ApiProperty({ type: [AnswerDto] }) answers!: AnswerDto[];
  @ApiProperty({ type: [EvidenceViewDto] }) evidence!: EvidenceViewDto[];
  @ApiProperty({ type: [ReturnReasonViewDto] }) returnReasons!: ReturnReasonViewDto[];
  @ApiProperty({ type: String, nullable: true }) returnDeadline!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) consensusScores!: Record<string, number>;
  @ApiProperty({ type: [String], nullable: true }) resultExplanation!: string[] | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publicityEndsAt!: string | null;
  @ApiProperty({ type: ConformanceResultDto, nullable: true, description: 'the standard conformance test’s result' })
  conformance!: ConformanceResultDto | null;
  @ApiProperty({ type: ReviewOpinionsDto, description: 'the expert panels’ opinions per stage' })
  reviewOpinions!: ReviewOpinionsDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'the document review consolidated' })
  documentReviewDoneAt!: string | null;
  @ApiProperty({ type: OnsiteResultViewDto, nullable: true }) onsiteResult!: OnsiteResultViewDto | null;
  @ApiProperty({ type: SpotCheckViewDto, nullable: true, description: 'the national body’s spot check (飞行检查)' })
  spotCheck!: SpotCheckViewDto | null;
  @ApiProperty({ type: [ObjectionViewDto] }) objections!: ObjectionViewDto[];
  @ApiProperty({ type: [ActionAvailabilityDto], description: 'what the caller may do now' })
  actions!: ActionAvailabilityDto[];
  @ApiProperty({ type: [StageEventViewDto] }) history!: StageEventViewDto[];
}

export class ApplicationVersionViewDto implements ApplicationVersionView {
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty() submittedBy!: string;
  @ApiProperty({ type: [AnswerDto] }) answers!: AnswerDto[];
  @ApiProperty({ type: [EvidenceViewDto] }) evidence!: EvidenceViewDto[];
}

export class AnswerChangeDto implements AnswerChange {
  @ApiProperty() itemCode!: string;
  @ApiProperty({ enum: ['choice', 'selfScore', 'statement', 'evidence'] }) field!:
    | 'choice'
    | 'selfScore'
    | 'statement'
    | 'evidence';
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true }) before!: string | number | null;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true }) after!: string | number | null;
}

export class BulkRefusalDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() reason!: string;
  @ApiPropertyOptional({ example: 'application.wrong_state' }) code?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] } })
  params?: Record<string, string | number>;
}

export class BulkTransitionResultDto implements BulkTransitionResult {
  @ApiProperty({ type: [String], description: 'the applications the action was applied to' }) done!: string[];
  @ApiProperty({ type: [BulkRefusalDto] }) refused!: BulkRefusalDto[];
}

export class MyObjectionDto implements MyObjection {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, nullable: true }) resolution!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) upheld!: boolean | null;
}

export class PublicityEntryDto implements PublicityEntry {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) cycleId!: string;
  @ApiProperty() cycleName!: string;
  @ApiProperty({ type: () => OrgRefDto }) organisation!: OrgRefDto;
  @ApiProperty({ type: [String] }) regionPath!: string[];
  @ApiProperty({ enum: LEVELS }) targetLevel!: Level;
  @ApiProperty({ enum: LEVELS, nullable: true }) achievedLevel!: Level | null;
  @ApiProperty({ enum: APPLICATION_STATES }) state!: ApplicationState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publicityEndsAt!: string | null;
  @ApiProperty({ description: 'the caller may file an objection now' }) canObject!: boolean;
  @ApiProperty({ type: [MyObjectionDto] }) myObjections!: MyObjectionDto[];
}
