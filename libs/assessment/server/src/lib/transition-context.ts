import {
  dueDateOf,
  isScored,
  isNationalLevel,
  missingForSubmit,
  onsiteRequired,
  type IndicatorLeaf,
  type TransitionContext,
} from '@hutong/assessment-model';
import { isPastDue, isWithin, nationwide } from '@hutong/platform-model';
import type { Principal } from '@hutong/platform-server';
import type { Application, Evidence } from './entities/assessment.entities';
import type { TransitionDto } from './assessment.dto';

/** What the stage machine needs to know about an application, its caller and the request (pure). */
export function machineContext(
  app: Application,
  user: Principal,
  required: IndicatorLeaf[],
  evidence: Evidence[],
  now: Date,
  dto: Partial<TransitionDto>,
  openObjections: number,
): TransitionContext {
  const cyclePath = app.cycle.jurisdiction.path;
  const inJurisdiction =
    nationwide(user.role) ||
    (user.role !== 'applicant' && isWithin(app.organisation.path, user.scopePath)) ||
    // an organisation the cycle covers may object during publicity
    (user.role === 'applicant' && app.state === 'publicity' && isWithin(user.scopePath, cyclePath));
  return {
    role: user.role,
    ownOrganisation: user.organisationId === app.organisation.id,
    inJurisdiction,
    now,
    missing: missingForSubmit(
      required,
      app.answers,
      evidence.map((e) => e.itemCode),
    ),
    dueDatePassed: isPastDue(dueDateOf(app.state, app.cycle.windows, app.returnDeadline), now),
    onsiteRequired: onsiteRequired(app.scheme.levelRules, app.targetLevel),
    // statistics-only items (scoring 'info') carry no score: the panel never scores them
    allScoresEntered: required.filter(isScored).every((l) => typeof app.consensusScores[l.code] === 'number'),
    publicityOver: !!app.publicityEndsAt && now >= app.publicityEndsAt,
    openObjections,
    hasReturnReasons: (dto.returnReasons?.length ?? 0) > 0,
    hasReason: !!dto.reason?.trim(),
    conformanceRecorded: app.conformance !== null,
    conformancePassed: app.conformance?.passed === true,
    documentReviewDone: app.documentReviewDoneAt !== null,
    onsiteResultRecorded: app.onsiteResult !== null,
    nationalLevel: isNationalLevel(app.achievedLevel),
    objectionUpheld: dto.upheld,
    allowLowerLevel: app.scheme.allowLowerLevel,
    lowerLevelDecision: dto.lowerLevelDecision,
  };
}
