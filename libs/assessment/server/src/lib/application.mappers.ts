import type {
  ApplicationAction,
  ApplicationSummary,
  ApplicationVersionView,
  EvidenceView,
  Level,
  MyObjection,
  ObjectionView,
  StageEventView,
} from '@hutong/assessment-model';
import { dueDateOf } from '@hutong/assessment-model';
import { isPastDue, pathIds } from '@hutong/platform-model';
import type { Application, ApplicationVersion, Evidence, Objection, StageEvent } from './entities/assessment.entities';

/** Pure mappings from the assessment's rows to the views of the contracts (no queries, no clock of their own). */

export function evidenceView(e: Evidence): EvidenceView {
  return {
    id: e.id,
    itemCode: e.itemCode,
    fileName: e.fileName,
    mime: e.mime,
    size: Number(e.size),
    sha256: e.sha256,
    uploadedBy: e.uploadedBy.username,
    uploadedAt: e.uploadedAt.toISOString(),
  };
}

/** Names from the province down to the organisation's parent, given the names of every path id. */
export function regionPathOf(path: string, names: ReadonlyMap<string, string>): string[] {
  return pathIds(path)
    .slice(0, -1)
    .map((id) => names.get(id) ?? '');
}

/** `late` uses the one due-date rule (DUE_RULES); the board's SQL filter is built from the same rule. */
export function summaryOf(a: Application, names: ReadonlyMap<string, string>, now: Date): ApplicationSummary {
  const due = dueDateOf(a.state, a.cycle.windows, a.returnDeadline);
  return {
    id: a.id,
    cycleId: a.cycle.id,
    organisation: { id: a.organisation.id, code: a.organisation.code, name: a.organisation.name },
    regionPath: regionPathOf(a.organisation.path, names),
    orgKind: a.organisation.kind,
    schemeKey: a.scheme.key,
    schemeName: a.scheme.name,
    schemeVersion: a.scheme.version,
    targetLevel: a.targetLevel as Level,
    state: a.state,
    achievedLevel: a.achievedLevel,
    dueDate: due,
    late: isPastDue(due, now),
    version: a.version,
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** An objection as the caller may see it: who filed it only for coordinators/admins and for the objector itself. */
export function objectionView(
  o: Objection,
  viewer: { organisationId: string | null; seesObjectors: boolean },
): ObjectionView {
  const mine = !!viewer.organisationId && viewer.organisationId === o.filedByOrg.id;
  return {
    id: o.id,
    filedBy:
      viewer.seesObjectors || mine ? { id: o.filedByOrg.id, code: o.filedByOrg.code, name: o.filedByOrg.name } : null,
    mine,
    filedAt: o.filedAt.toISOString(),
    reason: o.reason,
    resolution: o.resolution,
    resolvedAt: o.resolvedAt?.toISOString() ?? null,
    upheld: o.upheld,
  };
}

export function myObjectionView(o: Objection): MyObjection {
  return {
    id: o.id,
    filedAt: o.filedAt.toISOString(),
    reason: o.reason,
    resolution: o.resolution,
    resolvedAt: o.resolvedAt?.toISOString() ?? null,
    upheld: o.upheld,
  };
}

export function historyView(e: StageEvent): StageEventView {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action as ApplicationAction | 'create' | 'save',
    from: e.fromState,
    to: e.toState,
    note: e.note,
  };
}

export function versionView(v: ApplicationVersion): ApplicationVersionView {
  return {
    version: v.version,
    submittedAt: v.submittedAt.toISOString(),
    submittedBy: v.submittedBy,
    answers: v.answers,
    evidence: v.evidence,
  };
}
