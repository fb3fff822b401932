import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { APPLICATION_STATES, LEVELS, type ApplicationState, type Level } from '@hutong/assessment-model';
import { AnswerChoiceDto, AnswerDto, EvidenceViewDto, IndicatorNodeDto } from '@hutong/assessment-server';
import {
  CONFLICT_KINDS,
  CONFORMANCE_CATEGORIES,
  CONFORMANCE_RESULTS,
  EXPERT_POOLS,
  INVITATION_STATUSES,
  REVIEW_SESSION_KINDS,
  REVIEW_SESSION_STATUSES,
  SESSION_MODES,
  SPECIALTIES,
  type Agenda,
  type AgendaSlot,
  type AutoAssignView,
  type RemindResult,
  type CaseAssignmentView,
  type ConformanceCategory,
  type ConformanceReportView,
  type ConformanceResult,
  type ConformanceRow,
  type ConformanceSummary,
  type ConformanceTally,
  type Conflict,
  type ConflictKind,
  type Consensus,
  type ConsolidationView,
  type EligibilityMatrix,
  type ExpertPool,
  type ExpertView,
  type InvitationStatus,
  type MyAssignment,
  type PanelMemberView,
  type PanelRole,
  type PanelScoresView,
  type QuestionView,
  type Reason,
  type ReasonCode,
  type ReviewCaseView,
  type ReviewSessionKind,
  type ReviewSessionStatus,
  type ReviewSessionSummary,
  type ReviewSessionView,
  type ScoreSheetView,
  type SessionMode,
  type SheetEntryView,
  type Specialty,
} from '@hutong/review-model';
import { PagedDto } from '@hutong/platform-server';
import { DateRangeDto } from './review.dto';

/** The answers of the review endpoints: the OpenAPI schemas of the model's views. */

const ROLES: PanelRole[] = ['chair', 'member'];
const REASON_CODES = [
  'conflict',
  'inactive',
  'wrong_pool',
  'unavailable',
  'at_capacity',
] as const satisfies readonly ReasonCode[];

// The views' nested shapes, named so that their classes can implement them.
type Affiliation = ExpertView['affiliation'];
type AgendaBreak = Agenda['breaks'][number];
type SessionProgress = ReviewSessionView['progress'];
type SummaryProgress = ReviewSessionSummary['progress'];
type ProposedAssignment = AutoAssignView['assignments'][number];
type ShortfallView = AutoAssignView['shortfalls'][number];
type ExistingProblemView = AutoAssignView['existingProblems'][number];
type AnswerFile = QuestionAnswer['attachments'][number];
type PanelExpertScores = PanelScoresView['experts'][number];
type ConsolidationExpert = ConsolidationView['experts'][number];
type ConsolidationItem = ConsolidationView['items'][number];
type ConformanceByCategory = ConformanceSummary['byCategory'];
type MatrixExpert = EligibilityMatrix['experts'][number];
type MatrixCase = EligibilityMatrix['cases'][number];
type MatrixCell = MatrixCase['cells'][number];
type QuestionAnswer = NonNullable<QuestionView['answer']>;

/** T, checked to fit the schema class S (for a union such as Reason, which no class can implement). */
type Fits<T extends S, S> = T;

export class IdNameDto implements Affiliation {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class ExpertViewDto implements ExpertView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: '职称 / 职务' }) title!: string;
  @ApiProperty({ type: () => IdNameDto }) affiliation!: IdNameDto;
  @ApiProperty({ enum: EXPERT_POOLS, isArray: true }) pools!: ExpertPool[];
  @ApiProperty({ enum: SPECIALTIES, isArray: true }) specialties!: Specialty[];
  @ApiProperty({ type: [String] }) vendorTies!: string[];
  @ApiProperty({ type: [String] }) consultedOrgIds!: string[];
  @ApiProperty({ type: [DateRangeDto] }) unavailable!: DateRangeDto[];
  @ApiProperty() active!: boolean;
}

export class ExpertPageDto extends PagedDto(ExpertViewDto) {}

export class ConflictDto implements Conflict {
  @ApiProperty({ enum: CONFLICT_KINDS }) kind!: ConflictKind;
  @ApiProperty({ description: 'the fact it rests on: an organisation or city id, the vendor, the declared reason' })
  detail!: string;
}

/**
 * Why an expert may not sit on a case (`Reason`, a union): `code` and the fields of that code — conflict: conflict;
 * wrong_pool: pool; unavailable: from, to; at_capacity: load, max; inactive: none.
 */
export class EligibilityReasonDto {
  @ApiProperty({ enum: REASON_CODES }) code!: (typeof REASON_CODES)[number];
  @ApiPropertyOptional({ type: () => ConflictDto, description: 'conflict' }) conflict?: ConflictDto;
  @ApiPropertyOptional({ enum: EXPERT_POOLS, description: 'wrong_pool: the pool the panel is drawn from' })
  pool?: ExpertPool;
  @ApiPropertyOptional({ format: 'date', description: 'unavailable' }) from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'unavailable' }) to?: string;
  @ApiPropertyOptional({ description: 'at_capacity: applications already assigned' }) load?: number;
  @ApiPropertyOptional({ description: 'at_capacity: the most one expert takes' }) max?: number;
}

export class PanelMemberViewDto implements PanelMemberView {
  @ApiProperty({ format: 'uuid' }) expertId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() affiliation!: string;
  @ApiProperty({ enum: SPECIALTIES, isArray: true }) specialties!: Specialty[];
  @ApiProperty({ enum: ROLES }) role!: PanelRole;
  @ApiProperty({ enum: INVITATION_STATUSES }) status!: InvitationStatus;
  @ApiProperty({ type: String, nullable: true }) declineReason!: string | null;
  @ApiProperty() load!: number;
  @ApiProperty() submitted!: number;
}

export class CaseAssignmentViewDto implements CaseAssignmentView {
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty({ format: 'uuid' }) expertId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['manual', 'auto'] }) source!: 'manual' | 'auto';
  @ApiProperty() scored!: number;
  @ApiProperty() items!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
}

export class ReviewCaseViewDto implements ReviewCaseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ enum: APPLICATION_STATES, nullable: true }) state!: ApplicationState | null;
  @ApiProperty({ enum: LEVELS, nullable: true }) targetLevel!: Level | null;
  @ApiProperty({ type: [String] }) vendors!: string[];
  @ApiProperty({ enum: SPECIALTIES, isArray: true }) neededSpecialties!: Specialty[];
  @ApiProperty() position!: number;
  @ApiProperty({ type: [CaseAssignmentViewDto] }) assignments!: CaseAssignmentViewDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) consolidatedAt!: string | null;
  @ApiProperty() opinion!: string;
  @ApiProperty() questions!: number;
  @ApiProperty() openQuestions!: number;
}

export class AgendaSlotDto implements AgendaSlot {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '09:00' }) start!: string;
  @ApiProperty({ example: '09:15' }) presentEnd!: string;
  @ApiProperty({ example: '09:25' }) end!: string;
}

export class AgendaBreakDto implements AgendaBreak {
  @ApiProperty({ example: '10:05' }) start!: string;
  @ApiProperty({ example: '10:20' }) end!: string;
}

export class AgendaDto implements Agenda {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ type: [AgendaSlotDto] }) slots!: AgendaSlotDto[];
  @ApiProperty({ type: [AgendaBreakDto] }) breaks!: AgendaBreakDto[];
  @ApiProperty({ example: '12:30', description: 'when the last slot ends; 24:00 at the latest' }) ends!: string;
}

export class ChairDto implements NonNullable<ReviewSessionView['chair']> {
  @ApiProperty({ format: 'uuid' }) expertId!: string;
  @ApiProperty() name!: string;
}

export class SessionProgressDto implements SessionProgress {
  @ApiProperty() submitted!: number;
  @ApiProperty() assigned!: number;
  @ApiProperty() consolidated!: number;
  @ApiProperty() cases!: number;
}

export class SessionMeDto implements NonNullable<ReviewSessionView['me']> {
  @ApiProperty({ format: 'uuid' }) expertId!: string;
  @ApiProperty({ enum: ROLES }) role!: PanelRole;
  @ApiProperty({ enum: INVITATION_STATUSES }) status!: InvitationStatus;
}

export class ReviewSessionViewDto implements ReviewSessionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) cycleId!: string;
  @ApiProperty() cycleName!: string;
  @ApiProperty({ enum: REVIEW_SESSION_KINDS }) kind!: ReviewSessionKind;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ format: 'date' }) endDate!: string;
  @ApiProperty({ example: '09:00' }) start!: string;
  @ApiProperty({ enum: SESSION_MODES }) mode!: SessionMode;
  @ApiProperty() location!: string;
  @ApiProperty() slotPresent!: number;
  @ApiProperty() slotQuestions!: number;
  @ApiProperty({ type: Number, nullable: true }) breakAfter!: number | null;
  @ApiProperty({ type: Number, nullable: true }) breakMinutes!: number | null;
  @ApiProperty() minPerApplication!: number;
  @ApiProperty({ type: Number, nullable: true }) maxPerExpert!: number | null;
  @ApiProperty({ format: 'date' }) scoringDue!: string;
  @ApiProperty({ enum: REVIEW_SESSION_STATUSES }) status!: ReviewSessionStatus;
  @ApiProperty({ type: () => ChairDto, nullable: true }) chair!: ChairDto | null;
  @ApiProperty({ type: [PanelMemberViewDto] }) panel!: PanelMemberViewDto[];
  @ApiProperty({ type: [ReviewCaseViewDto] }) cases!: ReviewCaseViewDto[];
  @ApiProperty({ type: () => AgendaDto, nullable: true }) agenda!: AgendaDto | null;
  @ApiProperty({ type: () => SessionProgressDto }) progress!: SessionProgressDto;
  @ApiProperty({ type: () => SessionMeDto, nullable: true }) me!: SessionMeDto | null;
}

export class SummaryProgressDto implements SummaryProgress {
  @ApiProperty() submitted!: number;
  @ApiProperty() assigned!: number;
  @ApiProperty() consolidated!: number;
}

export class SummaryMeDto implements NonNullable<ReviewSessionSummary['me']> {
  @ApiProperty({ enum: ROLES }) role!: PanelRole;
  @ApiProperty({ enum: INVITATION_STATUSES }) status!: InvitationStatus;
}

export class ReviewSessionSummaryDto implements ReviewSessionSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) cycleId!: string;
  @ApiProperty() cycleName!: string;
  @ApiProperty({ enum: REVIEW_SESSION_KINDS }) kind!: ReviewSessionKind;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ enum: REVIEW_SESSION_STATUSES }) status!: ReviewSessionStatus;
  @ApiProperty() cases!: number;
  @ApiProperty() panel!: number;
  @ApiProperty({ type: () => SummaryProgressDto }) progress!: SummaryProgressDto;
  @ApiProperty({ type: () => SummaryMeDto, nullable: true }) me!: SummaryMeDto | null;
}

export class MatrixExpertDto implements MatrixExpert {
  @ApiProperty({ format: 'uuid' }) expertId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: INVITATION_STATUSES }) status!: InvitationStatus;
}

export class MatrixCellDto implements MatrixCell {
  @ApiProperty({ format: 'uuid' }) expertId!: string;
  @ApiProperty() eligible!: boolean;
  @ApiProperty() assigned!: boolean;
  @ApiProperty({ type: [EligibilityReasonDto] }) reasons!: Fits<Reason, EligibilityReasonDto>[];
}

export class MatrixCaseDto implements MatrixCase {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ type: [MatrixCellDto] }) cells!: MatrixCellDto[];
}

export class EligibilityMatrixDto implements EligibilityMatrix {
  @ApiProperty({ type: [MatrixExpertDto] }) experts!: MatrixExpertDto[];
  @ApiProperty({ type: [MatrixCaseDto] }) cases!: MatrixCaseDto[];
}

export class ProposedAssignmentDto implements ProposedAssignment {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) expertId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty() expertName!: string;
}

export class ShortfallDto implements ShortfallView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty() missing!: number;
  @ApiProperty({ enum: SPECIALTIES, isArray: true }) uncoveredSpecialties!: Specialty[];
  @ApiProperty({ description: 'a review message code', example: 'review.shortfall_too_few_eligible' }) reason!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'the message params' })
  params!: Record<string, number>;
}

export class ExistingProblemDto implements ExistingProblemView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) expertId!: string;
  @ApiProperty({ type: [EligibilityReasonDto] }) reasons!: Fits<Reason, EligibilityReasonDto>[];
}

export class RemindResultDto implements RemindResult {
  @ApiProperty({ description: 'experts with an unsubmitted sheet' }) experts!: number;
  @ApiProperty({ description: 'their unsubmitted sheets' }) sheets!: number;
  @ApiProperty({ description: 'notifications written (0 when all were reminded earlier that day)' }) reminded!: number;
}

export class AutoAssignViewDto implements AutoAssignView {
  @ApiProperty() applied!: boolean;
  @ApiProperty({ type: [ProposedAssignmentDto] }) assignments!: ProposedAssignmentDto[];
  @ApiProperty({ type: [ShortfallDto] }) shortfalls!: ShortfallDto[];
  @ApiProperty({ type: [ExistingProblemDto] }) existingProblems!: ExistingProblemDto[];
}

export class SheetEntryViewDto implements SheetEntryView {
  @ApiProperty({ type: Number, nullable: true }) score!: number | null;
  @ApiPropertyOptional({ type: () => AnswerChoiceDto }) choice?: AnswerChoiceDto;
  @ApiProperty() comment!: string;
}

const ENTRIES = { type: 'object', additionalProperties: { $ref: getSchemaPath(SheetEntryViewDto) } } as const;

export class MyAssignmentDto implements MyAssignment {
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() sessionTitle!: string;
  @ApiProperty({ enum: REVIEW_SESSION_KINDS }) kind!: ReviewSessionKind;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ enum: LEVELS, nullable: true }) targetLevel!: Level | null;
  @ApiProperty({ format: 'date' }) scoringDue!: string;
  @ApiProperty() scored!: number;
  @ApiProperty() items!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty() chair!: boolean;
  @ApiProperty({ enum: REVIEW_SESSION_STATUSES }) sessionStatus!: ReviewSessionStatus;
}

export class AnswerFileDto implements AnswerFile {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() size!: number;
}

export class QuestionAnswerDto implements QuestionAnswer {
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: [AnswerFileDto] }) attachments!: AnswerFileDto[];
}

export class QuestionViewDto implements QuestionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() itemCode!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty() askedBy!: string;
  @ApiProperty() mine!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) taskId!: string | null;
  @ApiProperty({ type: () => QuestionAnswerDto, nullable: true }) answer!: QuestionAnswerDto | null;
  @ApiProperty({ type: String, nullable: true }) taskStatus!: string | null;
}

@ApiExtraModels(SheetEntryViewDto)
export class ScoreSheetViewDto implements ScoreSheetView {
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() sessionTitle!: string;
  @ApiProperty({ enum: REVIEW_SESSION_KINDS }) kind!: ReviewSessionKind;
  @ApiProperty({ enum: REVIEW_SESSION_STATUSES }) sessionStatus!: ReviewSessionStatus;
  @ApiProperty({ format: 'date' }) scoringDue!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ enum: LEVELS }) targetLevel!: Level;
  @ApiProperty() schemeName!: string;
  @ApiProperty({ type: [IndicatorNodeDto] }) tree!: IndicatorNodeDto[];
  @ApiProperty({ type: [String] }) items!: string[];
  @ApiProperty({ type: [AnswerDto] }) answers!: AnswerDto[];
  @ApiProperty({ type: [EvidenceViewDto] }) evidence!: EvidenceViewDto[];
  @ApiProperty(ENTRIES) entries!: Record<string, SheetEntryViewDto>;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) reopenReason!: string | null;
  @ApiProperty() chair!: boolean;
  @ApiProperty({ type: [QuestionViewDto] }) questions!: QuestionViewDto[];
}

@ApiExtraModels(SheetEntryViewDto)
export class SavedSheetDto {
  @ApiProperty() version!: number;
  @ApiProperty(ENTRIES) entries!: Record<string, SheetEntryViewDto>;
  @ApiProperty({ format: 'date-time' }) savedAt!: string;
}

@ApiExtraModels(SheetEntryViewDto)
export class PanelExpertScoresDto implements PanelExpertScores {
  @ApiProperty({ format: 'uuid' }) expertId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty(ENTRIES) entries!: Record<string, SheetEntryViewDto>;
}

export class PanelScoresViewDto implements PanelScoresView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: [PanelExpertScoresDto] }) experts!: PanelExpertScoresDto[];
}

export class ConsensusDto implements Consensus {
  @ApiProperty({ type: Number, nullable: true }) median!: number | null;
  @ApiProperty({ type: Number, nullable: true }) spread!: number | null;
  @ApiProperty({ type: Number, nullable: true }) min!: number | null;
  @ApiProperty({ type: Number, nullable: true }) max!: number | null;
  @ApiProperty() n!: number;
  @ApiProperty() divergent!: boolean;
}

export class ConsolidationExpertDto implements ConsolidationExpert {
  @ApiProperty({ format: 'uuid' }) expertId!: string;
  @ApiProperty({ format: 'uuid', description: 'its sheet (the chair reopens it)' }) assignmentId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
}

export class ConsolidationItemDto implements ConsolidationItem {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() points!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number', nullable: true },
    description: 'by expert id',
  })
  scores!: Record<string, number | null>;
  @ApiProperty({ type: () => ConsensusDto }) stats!: ConsensusDto;
  @ApiProperty({ type: Number, nullable: true }) consensus!: number | null;
}

export class DerivedLevelDto implements NonNullable<ConsolidationView['derived']> {
  @ApiProperty({ enum: LEVELS, nullable: true }) level!: Level | null;
  @ApiProperty({ type: [String] }) explanation!: string[];
}

export class ConsolidationOnsiteDto implements NonNullable<ConsolidationView['onsite']> {
  @ApiProperty({ type: Boolean, nullable: true }) passed!: boolean | null;
  @ApiProperty() rectification!: string;
}

export class ConsolidationViewDto implements ConsolidationView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ enum: REVIEW_SESSION_KINDS }) kind!: ReviewSessionKind;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ enum: LEVELS }) targetLevel!: Level;
  @ApiProperty() version!: number;
  @ApiProperty() allSubmitted!: boolean;
  @ApiProperty({ type: [ConsolidationExpertDto] }) experts!: ConsolidationExpertDto[];
  @ApiProperty({ type: [ConsolidationItemDto] }) items!: ConsolidationItemDto[];
  @ApiProperty() opinion!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) consolidatedAt!: string | null;
  @ApiProperty({ type: () => DerivedLevelDto, nullable: true }) derived!: DerivedLevelDto | null;
  @ApiProperty({ type: () => ConsolidationOnsiteDto, nullable: true }) onsite!: ConsolidationOnsiteDto | null;
}

export class ConformanceRowDto implements ConformanceRow {
  @ApiProperty({ enum: CONFORMANCE_CATEGORIES }) category!: ConformanceCategory;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() standard!: string;
  @ApiProperty() tested!: number;
  @ApiProperty() passed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ enum: CONFORMANCE_RESULTS }) result!: ConformanceResult;
}

export class ConformanceTallyDto implements ConformanceTally {
  @ApiProperty() items!: number;
  @ApiProperty() passedItems!: number;
  @ApiProperty() failedItems!: number;
  @ApiProperty() tested!: number;
  @ApiProperty() passed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ type: Number, nullable: true }) passRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) itemPassRate!: number | null;
}

export class ConformanceByCategoryDto implements ConformanceByCategory {
  @ApiProperty({ type: () => ConformanceTallyDto }) dataset!: ConformanceTallyDto;
  @ApiProperty({ type: () => ConformanceTallyDto }) document!: ConformanceTallyDto;
  @ApiProperty({ type: () => ConformanceTallyDto }) service!: ConformanceTallyDto;
}

export class ConformanceSummaryDto implements ConformanceSummary {
  @ApiProperty({ type: () => ConformanceByCategoryDto }) byCategory!: ConformanceByCategoryDto;
  @ApiProperty({ type: () => ConformanceTallyDto }) total!: ConformanceTallyDto;
  @ApiProperty() passed!: boolean;
}

export class ConformanceReportViewDto implements ConformanceReportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ type: [ConformanceRowDto] }) rows!: ConformanceRowDto[];
  @ApiProperty({ type: () => ConformanceSummaryDto }) summary!: ConformanceSummaryDto;
  @ApiProperty() passed!: boolean;
  @ApiProperty() importedBy!: string;
  @ApiProperty({ format: 'date-time' }) importedAt!: string;
}

export class ExpertCandidateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: () => IdNameDto, nullable: true }) organisation!: IdNameDto | null;
}
