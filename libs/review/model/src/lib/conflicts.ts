import { renderMessage, type Lang } from '@hutong/platform-model';
import type {
  ApplicantForReview,
  Conflict,
  CycleScope,
  DeclaredConflict,
  Eligibility,
  EligibilityContext,
  ExpertProfile,
  Reason,
} from './contracts';
import { REVIEW_CATALOGUE, type ReviewMessageCode } from './messages';

/** A vendor's name for comparison: NFKC (full-width letters and spaces), lower case, without any white space. */
export function normaliseVendor(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** The parent of the last node of a root-first path, or null for a root (or an empty path). */
function parentOf(path: string[]): string | null {
  return path.length >= 2 ? (path[path.length - 2] ?? null) : null;
}

/**
 * The conflicts of interest between an expert and an applicant, in this order:
 * - `same_organisation`: the expert's affiliation is the applicant, or one of them is an ancestor of the other
 *   (by the root-first paths); detail: the organisation that is or contains the other;
 * - `same_parent`: both have the same parent organisation (the second-to-last element of their paths), when they are
 *   not the same organisation already; detail: the parent;
 * - `same_city`: both lie in the same city, and only in a city's own cycle (`scope` 'city'); detail: the city;
 * - `vendor`: one of the expert's vendor ties is one of the applicant's vendors, compared without case or white space
 *   (`normaliseVendor`); one conflict per matching vendor, detail: the vendor as the applicant wrote it;
 * - `consulting`: the expert has consulted for the applicant; detail: the applicant's organisation;
 * - `declared`: a declared conflict for this expert and application; detail: its reason.
 * Empty when there is none.
 */
export function conflictsOf(
  expert: ExpertProfile,
  applicant: ApplicantForReview,
  scope: CycleScope,
  declared: DeclaredConflict[],
): Conflict[] {
  const out: Conflict[] = [];
  const expertOrg = expert.affiliationOrgId;
  const applicantOrg = applicant.organisationId;

  const same = expertOrg === applicantOrg;
  const expertAbove = !same && applicant.organisationPath.includes(expertOrg);
  const applicantAbove = !same && !expertAbove && expert.affiliationPath.includes(applicantOrg);
  if (same || expertAbove) out.push({ kind: 'same_organisation', detail: expertOrg });
  else if (applicantAbove) out.push({ kind: 'same_organisation', detail: applicantOrg });

  if (!same) {
    const parent = parentOf(expert.affiliationPath);
    if (parent !== null && parent === parentOf(applicant.organisationPath))
      out.push({ kind: 'same_parent', detail: parent });
  }

  if (scope === 'city' && expert.cityId !== null && expert.cityId === applicant.cityId)
    out.push({ kind: 'same_city', detail: expert.cityId });

  const ties = new Set(expert.vendorTies.map(normaliseVendor).filter((v) => v.length > 0));
  const seen = new Set<string>();
  for (const vendor of applicant.vendors) {
    const key = normaliseVendor(vendor);
    if (key.length === 0 || seen.has(key) || !ties.has(key)) continue;
    seen.add(key);
    out.push({ kind: 'vendor', detail: vendor.trim() });
  }

  if (expert.consultedOrgIds.includes(applicantOrg)) out.push({ kind: 'consulting', detail: applicantOrg });

  for (const d of declared)
    if (d.expertId === expert.id && d.applicationId === applicant.applicationId)
      out.push({ kind: 'declared', detail: d.reason });

  return out;
}

/** The unavailable ranges (inclusive, yyyy-MM-dd) that contain `date`. */
function unavailableOn(expert: ExpertProfile, date: string): { from: string; to: string }[] {
  return expert.unavailable.filter((r) => r.from <= date && date <= r.to);
}

/**
 * Whether an expert may sit on an application's panel, and every reason why not, in this order: inactive, not in
 * the panel's pool, unavailable on the session date (each range that contains it; not checked without a date), at
 * capacity (`load` ≥ `maxLoad`), then each conflict of `conflictsOf`. Eligible exactly when there is no reason.
 */
export function eligibilityOf(
  expert: ExpertProfile,
  applicant: ApplicantForReview,
  ctx: EligibilityContext,
): Eligibility {
  const reasons: Reason[] = [];
  if (!expert.active) reasons.push({ code: 'inactive' });
  if (!expert.pools.includes(ctx.pool)) reasons.push({ code: 'wrong_pool', pool: ctx.pool });
  if (ctx.sessionDate !== undefined)
    for (const r of unavailableOn(expert, ctx.sessionDate))
      reasons.push({ code: 'unavailable', from: r.from, to: r.to });
  if (ctx.maxLoad !== undefined && ctx.load >= ctx.maxLoad)
    reasons.push({ code: 'at_capacity', load: ctx.load, max: ctx.maxLoad });
  for (const conflict of conflictsOf(expert, applicant, ctx.scope, ctx.declared))
    reasons.push({ code: 'conflict', conflict });
  return { eligible: reasons.length === 0, reasons };
}

/** The catalogue code and params that render a reason. */
export function reasonMessage(reason: Reason): { code: ReviewMessageCode; params: Record<string, string | number> } {
  switch (reason.code) {
    case 'inactive':
      return { code: 'review.reason_inactive', params: {} };
    case 'wrong_pool':
      return { code: 'review.reason_wrong_pool', params: { pool: reason.pool } };
    case 'unavailable':
      return { code: 'review.reason_unavailable', params: { from: reason.from, to: reason.to } };
    case 'at_capacity':
      return { code: 'review.reason_at_capacity', params: { load: reason.load, max: reason.max } };
    case 'conflict':
      return { code: `review.conflict_${reason.conflict.kind}`, params: { detail: reason.conflict.detail } };
  }
}

/** A reason as a sentence: "与申请单位属同一机构（或上下级机构）", "The expert is inactive" … */
export function describeReason(reason: Reason, lang: Lang): string {
  const { code, params } = reasonMessage(reason);
  return renderMessage(REVIEW_CATALOGUE, code, params, lang) ?? code;
}
