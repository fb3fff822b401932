import type { EntityManager } from '@mikro-orm/postgresql';
import { defaultSchemes } from '@hutong/assessment-model/official';
import {
  fullChoice,
  leavesUpTo,
  onsiteRequired,
  scoresForLevel,
  type LevelRule,
  type Answer,
  type ApplicationState,
  type ConformanceResult,
  type CycleStatus,
  type IndicatorNode,
  type Level,
  type OnsiteResult,
  type ReturnReason,
  type ReviewOpinions,
  type SchemeKind,
  type SpotCheck,
  type StageWindow,
} from '@hutong/assessment-model';
import { addDays, shanghaiDate, type OrgKind } from '@hutong/platform-model';
import { Organisation } from '@hutong/organisations-server';
import { User } from '@hutong/identity-server';
import {
  Application,
  ApplicationVersion,
  Cycle,
  Evidence,
  Scheme,
  StageEvent,
} from '../lib/entities/assessment.entities';

/** Full points on every leaf required up to `level` (the answer that earns them), each with a statement. */
export function fullAnswers(tree: IndicatorNode[], level: Level): Answer[] {
  return leavesUpTo(tree, level).map((l) => ({
    itemCode: l.code,
    selfScore: l.points,
    statement: `已建设：${l.code}`,
    choice: fullChoice(l),
  }));
}

/** Consensus scores for the leaves required up to `target` of a platform that reaches exactly `reached`
 * (scoresForLevel; null: none). */
export function scoresReaching(
  scheme: { tree: IndicatorNode[]; levelRules: LevelRule[] },
  reached: Level | null,
  target: Level,
): Record<string, number> {
  const all = scoresForLevel(scheme.tree, scheme.levelRules, reached);
  return Object.fromEntries(leavesUpTo(scheme.tree, target).map((l) => [l.code, all[l.code] ?? 0]));
}

/**
 * The four stage windows, laid out around `today` (an Asia/Shanghai date): the application window from
 * 30 days before to `applicationEndsIn` days after it, each later window right after the previous one.
 */
export function windowsAround(today: string, applicationEndsIn = 30): StageWindow[] {
  const appEnd = addDays(today, applicationEndsIn);
  return [
    { key: 'application', start: addDays(today, -30), end: appEnd },
    { key: 'documentReview', start: addDays(appEnd, 1), end: addDays(appEnd, 30) },
    { key: 'onsite', start: addDays(appEnd, 31), end: addDays(appEnd, 60) },
    { key: 'results', start: addDays(appEnd, 61), end: addDays(appEnd, 90) },
  ];
}

export interface CycleSpec {
  jurisdiction: Organisation;
  schemes: Scheme[];
  name?: string;
  year?: number;
  batch?: number;
  eligibleKinds?: OrgKind[];
  /** default: windowsAround(today) by the (possibly fixed) clock */
  windows?: StageWindow[];
  publicityDays?: number;
  status?: CycleStatus;
}

export interface ApplicationSpec {
  cycle: Cycle;
  organisation: Organisation;
  scheme: Scheme;
  /** the applicant who created it */
  createdBy: User;
  targetLevel?: Level;
  /** written as is, with a stage event draft → state (the transitions' own tests walk the machine) */
  state?: ApplicationState;
  /** a complete self-assessment (answers and the evidence required), default true */
  complete?: boolean;
  consensusScores?: Record<string, number>;
  returnReasons?: ReturnReason[];
  returnDeadline?: string | null;
  publicityEndsAt?: Date | null;
  achievedLevel?: Level | null;
  /** the review's facts; default: as a walk of the machine would have left them for `state` — a passed
   * conformance test from document_review on, the document review consolidated from onsite/rating on, a passed
   * on-site result from rating on when the level needs one (null: none) */
  conformance?: ConformanceResult | null;
  documentReviewDoneAt?: Date | null;
  reviewOpinions?: ReviewOpinions;
  onsiteResult?: OnsiteResult | null;
  spotCheck?: SpotCheck | null;
}

const AFTER_CONFORMANCE: ApplicationState[] = [
  'document_review',
  'onsite',
  'rating',
  'referred',
  'publicity',
  'objection',
  'published',
  'not_passed',
];
const AFTER_DOCUMENT_REVIEW = AFTER_CONFORMANCE.slice(1);
const AFTER_ONSITE = AFTER_CONFORMANCE.slice(2);

let batches = 0;

/** Writes schemes, cycles and applications straight to the database. */
export class AssessmentFactory {
  constructor(private readonly em: EntityManager) {}

  /** A default scheme (hospital-2020 or region-2020), as a new row: pass `key` for a second one in a suite. */
  async scheme(kind: SchemeKind = 'hospital', spec: { key?: string; allowLowerLevel?: boolean } = {}): Promise<Scheme> {
    const d = defaultSchemes().find((s) => s.kind === kind);
    if (!d) throw new Error(`no default scheme of kind ${kind}`);
    const em = this.em.fork();
    const s = em.create(Scheme, {
      key: spec.key ?? d.key,
      version: 1,
      kind: d.kind,
      name: d.name,
      tree: d.tree,
      levelRules: d.levelRules,
      allowLowerLevel: spec.allowLowerLevel ?? true,
    });
    await em.persist(s).flush();
    return s;
  }

  async cycle(spec: CycleSpec): Promise<Cycle> {
    const em = this.em.fork();
    const n = ++batches;
    const c = em.create(Cycle, {
      name: spec.name ?? `测试批次 ${n}`,
      year: spec.year ?? 2026,
      batch: spec.batch ?? n,
      jurisdiction: em.getReference(Organisation, spec.jurisdiction.id),
      schemeIds: spec.schemes.map((s) => s.id),
      eligibleKinds: spec.eligibleKinds ?? ['hospital'],
      windows: spec.windows ?? windowsAround(shanghaiDate(new Date())),
      publicityDays: spec.publicityDays ?? 7,
      status: spec.status ?? 'open',
    });
    await em.persist(c).flush();
    return c;
  }

  async application(spec: ApplicationSpec): Promise<Application> {
    const em = this.em.fork();
    const targetLevel = spec.targetLevel ?? '3';
    const state = spec.state ?? 'draft';
    const complete = spec.complete ?? true;
    const a = em.create(Application, {
      cycle: em.getReference(Cycle, spec.cycle.id),
      organisation: em.getReference(Organisation, spec.organisation.id),
      scheme: em.getReference(Scheme, spec.scheme.id),
      targetLevel,
      state,
      version: state === 'draft' ? 0 : 1,
      answers: complete ? fullAnswers(spec.scheme.tree, targetLevel) : [],
      consensusScores: spec.consensusScores ?? {},
      returnReasons: spec.returnReasons ?? [],
      returnDeadline: spec.returnDeadline ?? null,
      publicityEndsAt: spec.publicityEndsAt ?? null,
      achievedLevel: spec.achievedLevel ?? null,
      conformance:
        spec.conformance !== undefined
          ? spec.conformance
          : AFTER_CONFORMANCE.includes(state)
            ? { passed: true, items: 100, failedItems: 0, note: null, recordedAt: new Date().toISOString() }
            : null,
      documentReviewDoneAt:
        spec.documentReviewDoneAt !== undefined
          ? spec.documentReviewDoneAt
          : AFTER_DOCUMENT_REVIEW.includes(state)
            ? new Date()
            : null,
      reviewOpinions: spec.reviewOpinions ?? {},
      onsiteResult:
        spec.onsiteResult !== undefined
          ? spec.onsiteResult
          : AFTER_ONSITE.includes(state) && onsiteRequired(spec.scheme.levelRules, targetLevel)
            ? { passed: true, findings: 0, rectification: null, recordedAt: new Date().toISOString() }
            : null,
      spotCheck: spec.spotCheck ?? null,
      createdBy: em.getReference(User, spec.createdBy.id),
    });
    em.persist(a);
    // a second earlier, so that the history keeps its order under a fixed clock
    const created = new Date(Date.now() - 1000);
    em.persist(
      em.create(StageEvent, {
        application: a,
        actor: spec.createdBy.username,
        action: 'create',
        toState: 'draft',
        at: created,
      }),
    );
    if (state !== 'draft')
      em.persist(
        em.create(StageEvent, {
          application: a,
          actor: 'factory',
          action: 'factory',
          fromState: 'draft',
          toState: state,
        }),
      );
    const evidence = complete
      ? leavesUpTo(spec.scheme.tree, targetLevel)
          .filter((x) => x.evidenceRequired)
          .map((l) =>
            em.create(Evidence, {
              application: a,
              itemCode: l.code,
              fileName: `${l.code}.pdf`,
              mime: 'application/pdf',
              size: 100,
              sha256: '0'.repeat(64),
              uploadedBy: em.getReference(User, spec.createdBy.id),
            }),
          )
      : [];
    em.persist(evidence);
    // past the draft, it was submitted once: version 1, as snapshot_version writes it
    if (state !== 'draft')
      em.persist(
        em.create(ApplicationVersion, {
          application: a,
          version: 1,
          submittedBy: spec.createdBy.username,
          answers: a.answers,
          evidence: evidence.map((e) => ({
            id: e.id,
            itemCode: e.itemCode,
            fileName: e.fileName,
            mime: e.mime,
            size: e.size,
            sha256: e.sha256,
            uploadedBy: spec.createdBy.username,
            uploadedAt: e.uploadedAt.toISOString(),
          })),
        }),
      );
    await em.flush();
    return a;
  }
}
