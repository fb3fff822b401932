import {
  SPECIALTIES,
  type ApplicantForReview,
  type Assignment,
  type AutoAssignInput,
  type AutoAssignResult,
  type ExistingProblem,
  type ExpertProfile,
  type Shortfall,
  type ShortfallReason,
  type Specialty,
} from './contracts';
import { eligibilityOf } from './conflicts';
import { reviewError } from './messages';

/** The most experts one application may ask for. */
export const MAX_PER_APPLICATION = 100;

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Plan {
  applicant: ApplicantForReview;
  /** experts eligible for it with capacity aside (on its panel or not), by id */
  eligible: ExpertProfile[];
  /** its panel: existing and new members */
  panel: Set<string>;
  needs: Specialty[];
}

/**
 * Proposes review panels: which experts to add to which applications.
 *
 * The algorithm, deterministic for the same input (whatever the order of the experts and applicants):
 * 1. An expert's load is the number of its existing assignments (to any application, listed or not); an
 *    application's panel starts with its existing assignments, which are kept as they are, count toward the panel's
 *    size and cover their experts' specialties. Existing assignments that break a rule other than capacity are
 *    reported in `existingProblems`, never removed.
 * 2. Static eligibility is `eligibilityOf` without capacity (active, the panel's pool, available on the session date,
 *    no conflict). Applications are taken scarcest first: fewest eligible experts not yet on the panel, then by id.
 * 3. Coverage first: for every application in that order, a greedy set cover of its needed specialties not yet
 *    covered — repeatedly the eligible expert with capacity left who covers the most of them, ties to the least
 *    loaded, then the smallest id.
 * 4. Then top-up: for every application in that order, the least-loaded eligible expert with capacity left (ties to
 *    the smallest id) until the panel has `minPerApplication` members.
 *
 * Guarantees:
 * - no new assignment has an ineligible expert: inactive, outside the pool, unavailable, conflicted, or at capacity
 *   (`maxPerExpert` counts the existing assignments too); no pair is assigned twice;
 * - without `maxPerExpert`, an application with at least `minPerApplication` members and eligible experts together
 *   gets at least `minPerApplication` (more only when the set cover needs more), else every eligible expert;
 * - without `maxPerExpert`, whenever its panel and its eligible experts together have every needed specialty, its
 *   panel ends with all of them (greedy set cover always finishes when a cover exists; it is not always the smallest);
 * - with every expert eligible for everything, no needed specialties, no existing assignments and no binding
 *   capacity, loads differ by at most one (each pick takes an expert of the least load);
 * - with `maxPerExpert`, the scarcest applications are served first; what cannot be met is in `shortfalls`.
 * Every application below `minPerApplication` or with an uncovered specialty is in `shortfalls` (in input order),
 * with the experts `missing`, the `uncoveredSpecialties` and the main cause as a message code.
 */
export function autoAssign(input: AutoAssignInput): AutoAssignResult {
  const { minPerApplication: min, maxPerExpert: max } = input;
  if (!Number.isInteger(min) || min < 0 || min > MAX_PER_APPLICATION)
    throw reviewError('review.invalid_min_per_application', { value: String(min) });
  if (max !== undefined && (!Number.isInteger(max) || max < 1))
    throw reviewError('review.invalid_max_per_expert', { value: String(max) });

  const experts = uniqueBy(input.experts, (e) => e.id).sort((a, b) => byId(a.id, b.id));
  const expertById = new Map(experts.map((e) => [e.id, e]));
  const applicants = uniqueBy(input.applicants, (a) => a.applicationId);
  const existing = uniqueBy(input.existing ?? [], (x) => `${x.expertId}\u0000${x.applicationId}`);

  const load = new Map<string, number>();
  for (const x of existing) load.set(x.expertId, (load.get(x.expertId) ?? 0) + 1);
  const loadOf = (id: string): number => load.get(id) ?? 0;
  const hasCapacity = (id: string): boolean => max === undefined || loadOf(id) < max;

  const ctx = { scope: input.scope, declared: input.declared, sessionDate: input.sessionDate, pool: input.pool };
  const existingProblems: ExistingProblem[] = [];
  const plans = applicants.map((applicant): Plan => {
    const panel = new Set(existing.filter((x) => x.applicationId === applicant.applicationId).map((x) => x.expertId));
    const eligible = experts.filter((e) => eligibilityOf(e, applicant, { ...ctx, load: 0 }).eligible);
    const needs = SPECIALTIES.filter((s) => applicant.neededSpecialties.includes(s));
    return { applicant, eligible, panel, needs };
  });
  const planById = new Map(plans.map((p) => [p.applicant.applicationId, p]));
  for (const x of existing) {
    const expert = expertById.get(x.expertId);
    const plan = planById.get(x.applicationId);
    if (!expert || !plan) continue;
    const { reasons } = eligibilityOf(expert, plan.applicant, { ...ctx, load: 0 });
    if (reasons.length > 0) existingProblems.push({ expertId: x.expertId, applicationId: x.applicationId, reasons });
  }

  const candidates = (p: Plan): ExpertProfile[] => p.eligible.filter((e) => !p.panel.has(e.id));
  const scarcity = new Map(plans.map((p) => [p, candidates(p).length]));
  const order = [...plans].sort(
    (a, b) =>
      (scarcity.get(a) ?? 0) - (scarcity.get(b) ?? 0) || byId(a.applicant.applicationId, b.applicant.applicationId),
  );

  const added: Assignment[] = [];
  const assign = (p: Plan, e: ExpertProfile): void => {
    p.panel.add(e.id);
    load.set(e.id, loadOf(e.id) + 1);
    added.push({ expertId: e.id, applicationId: p.applicant.applicationId });
  };
  const uncoveredOf = (p: Plan): Specialty[] => {
    const covered = new Set<Specialty>();
    for (const id of p.panel) for (const s of expertById.get(id)?.specialties ?? []) covered.add(s);
    return p.needs.filter((s) => !covered.has(s));
  };
  const lessLoaded = (a: ExpertProfile, b: ExpertProfile): number => loadOf(a.id) - loadOf(b.id) || byId(a.id, b.id);

  // coverage first: a greedy set cover of each application's needs
  for (const p of order) {
    let uncovered = uncoveredOf(p);
    while (uncovered.length > 0) {
      const gain = (e: ExpertProfile): number => uncovered.filter((s) => e.specialties.includes(s)).length;
      const best = candidates(p)
        .filter((e) => hasCapacity(e.id) && gain(e) > 0)
        .sort((a, b) => gain(b) - gain(a) || lessLoaded(a, b))[0];
      if (!best) break;
      assign(p, best);
      uncovered = uncoveredOf(p);
    }
  }
  // then top up to the minimum by load
  for (const p of order) {
    while (p.panel.size < min) {
      const best = candidates(p)
        .filter((e) => hasCapacity(e.id))
        .sort(lessLoaded)[0];
      if (!best) break;
      assign(p, best);
    }
  }

  const shortfalls: Shortfall[] = [];
  for (const p of plans) {
    const missing = Math.max(0, min - p.panel.size);
    const uncovered = uncoveredOf(p);
    if (missing === 0 && uncovered.length === 0) continue;
    const left = candidates(p); // eligible, not taken: only capacity kept them off
    let reason: ShortfallReason;
    if (missing > 0) {
      if (left.length > 0) reason = 'review.shortfall_at_capacity';
      else if (p.eligible.length === 0 && p.panel.size === 0) reason = 'review.shortfall_no_eligible';
      else reason = 'review.shortfall_too_few_eligible';
    } else {
      const couldCover = left.some((e) => e.specialties.some((s) => uncovered.includes(s)));
      reason = couldCover ? 'review.shortfall_at_capacity' : 'review.shortfall_specialty_uncovered';
    }
    shortfalls.push({
      applicationId: p.applicant.applicationId,
      missing,
      uncoveredSpecialties: uncovered,
      reason,
      params: { eligible: p.eligible.length, min },
    });
  }

  const position = new Map(applicants.map((a, i) => [a.applicationId, i]));
  added.sort(
    (a, b) =>
      (position.get(a.applicationId) ?? 0) - (position.get(b.applicationId) ?? 0) || byId(a.expertId, b.expertId),
  );
  return { assignments: added, shortfalls, existingProblems };
}

/** The first of each key, in order. */
function uniqueBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The load of every expert after the assignments: existing ones (deduplicated) plus new ones. */
export function loadsAfter(existing: Assignment[], added: Assignment[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const x of uniqueBy([...existing, ...added], (a) => `${a.expertId}\u0000${a.applicationId}`))
    out.set(x.expertId, (out.get(x.expertId) ?? 0) + 1);
  return out;
}
