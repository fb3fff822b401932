import { APPLICATION_ACTIONS, APPLICATION_STATES } from './contracts';
import { ROLES } from '@hutong/platform-model';
import type { ApplicationAction, ApplicationState, MissingItem } from './contracts';
import type { Role } from '@hutong/platform-model';
import {
  STAGE_GRAPH,
  TRANSITIONS,
  availableActions,
  decide,
  levelOutcome,
  stageOf,
  targetsOf,
  type TransitionContext,
  refusalText,
} from './stage-machine';
import { ASSESSMENT_MESSAGES } from './messages';

/** A context in which every guard of `action` passes. */
function okCtx(role: Role, action?: ApplicationAction, over: Partial<TransitionContext> = {}): TransitionContext {
  return {
    role,
    // an objection comes from another organisation than the applicant
    ownOrganisation: action !== 'file_objection',
    inJurisdiction: true,
    now: new Date('2026-03-01T02:00:00Z'),
    missing: [],
    dueDatePassed: false,
    onsiteRequired: action === 'to_onsite',
    allScoresEntered: true,
    publicityOver: action === 'publish',
    openObjections: 0,
    hasReturnReasons: true,
    hasReason: true,
    conformanceRecorded: true,
    conformancePassed: true,
    documentReviewDone: true,
    onsiteResultRecorded: true,
    nationalLevel: false,
    ...over,
  };
}

const COORD: Role[] = ['coordinator', 'admin'];
const NATIONAL: Role[] = ['national'];
/** The explicit list of allowed (state, action) pairs: a new or changed transition must be added here. */
const ALLOWED: Record<string, { roles: Role[]; to: ApplicationState }> = {
  'draft|submit': { roles: ['applicant'], to: 'submitted' },
  'returned|resubmit': { roles: ['applicant'], to: 'submitted' },
  'draft|withdraw': { roles: ['applicant'], to: 'withdrawn' },
  'submitted|withdraw': { roles: ['applicant'], to: 'withdrawn' },
  'returned|withdraw': { roles: ['applicant'], to: 'withdrawn' },
  'withdrawn|reopen': { roles: COORD, to: 'draft' },
  'submitted|start_check': { roles: COORD, to: 'completeness_check' },
  'completeness_check|accept': { roles: COORD, to: 'conformance_testing' },
  'completeness_check|return': { roles: COORD, to: 'returned' },
  'conformance_testing|finish_conformance': { roles: COORD, to: 'document_review' },
  'document_review|to_onsite': { roles: COORD, to: 'onsite' },
  'document_review|to_rating': { roles: COORD, to: 'rating' },
  'onsite|finish_onsite': { roles: COORD, to: 'rating' },
  'rating|rate': { roles: COORD, to: 'publicity' },
  'referred|national_confirm': { roles: NATIONAL, to: 'publicity' },
  'referred|national_reject': { roles: NATIONAL, to: 'not_passed' },
  'publicity|file_objection': { roles: ['applicant', 'coordinator', 'admin'], to: 'objection' },
  'objection|resolve_objection': { roles: COORD, to: 'publicity' },
  'publicity|publish': { roles: [...COORD, ...NATIONAL], to: 'published' },
  'published|revoke': { roles: NATIONAL, to: 'not_passed' },
};
const rolesEverAllowed = (action: ApplicationAction): Set<Role> =>
  new Set(
    Object.entries(ALLOWED)
      .filter(([k]) => k.endsWith(`|${action}`))
      .flatMap(([, v]) => v.roles),
  );

const table: [ApplicationState, ApplicationAction, Role][] = [];
for (const s of APPLICATION_STATES) for (const a of APPLICATION_ACTIONS) for (const r of ROLES) table.push([s, a, r]);

describe('stage machine: every state × action × role', () => {
  it('covers the full product', () => {
    expect(table).toHaveLength(APPLICATION_STATES.length * APPLICATION_ACTIONS.length * ROLES.length);
  });

  it.each(table)('%s × %s × %s', (state, action, role) => {
    const d = decide(state, action, okCtx(role, action));
    const allowed = ALLOWED[`${state}|${action}`];
    if (allowed && allowed.roles.includes(role)) {
      expect(d).toMatchObject({ ok: true, to: allowed.to, effects: expect.any(Array) });
    } else {
      expect(d.ok).toBe(false);
      if (!d.ok) {
        expect(d.status).toBe(rolesEverAllowed(action).has(role) ? 409 : 403);
        expect(d.reason).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('the explicit map lists exactly the transitions of the table', () => {
    const fromTable = TRANSITIONS.flatMap((t) => t.from.map((f) => `${f}|${t.action}`)).sort();
    expect(fromTable).toMatchObject(Object.keys(ALLOWED).sort());
  });
});

describe('stage machine: reasons and guards', () => {
  it('refuses an action illegal in the state with 409 and the state name', () => {
    expect(decide('document_review', 'submit', okCtx('applicant'))).toMatchObject({
      ok: false,
      status: 409,
      reason: '当前状态为“文件审查”，不能提交',
    });
  });

  it('refuses a role that may never take the action with 403', () => {
    const d = decide('submitted', 'start_check', okCtx('applicant'));
    expect(d).toMatchObject({ ok: false, status: 403 });
    expect(decide('draft', 'submit', okCtx('viewer'))).toMatchObject({ ok: false, status: 403 });
    expect(decide('draft', 'submit', okCtx('coordinator'))).toMatchObject({ ok: false, status: 403 });
    expect(decide('publicity', 'file_objection', okCtx('expert'))).toMatchObject({ ok: false, status: 403 });
  });

  it('checks ownership before the state', () => {
    const other = okCtx('applicant', 'submit', { ownOrganisation: false });
    expect(decide('draft', 'submit', other)).toMatchObject({ ok: false, status: 403, reason: '只能操作本单位的申请' });
    expect(decide('document_review', 'submit', other)).toMatchObject({ status: 403 });
    expect(decide('draft', 'withdraw', other)).toMatchObject({ status: 403 });
  });

  it('checks the jurisdiction of coordinators; admins act everywhere', () => {
    const out = { inJurisdiction: false, ownOrganisation: false };
    expect(decide('submitted', 'start_check', okCtx('coordinator', 'start_check', out))).toMatchObject({
      ok: false,
      status: 403,
      reason: '该申请不在您的管辖范围内',
    });
    expect(decide('submitted', 'start_check', okCtx('admin', 'start_check', out))).toMatchObject({ ok: true });
  });

  it('lets any organisation in scope file an objection', () => {
    const otherOrg = okCtx('applicant', 'file_objection', { ownOrganisation: false, inJurisdiction: true });
    expect(decide('publicity', 'file_objection', otherOrg)).toMatchObject({ ok: true, to: 'objection' });
    const outside = okCtx('applicant', 'file_objection', { ownOrganisation: false, inJurisdiction: false });
    expect(decide('publicity', 'file_objection', outside)).toMatchObject({ ok: false, status: 403 });
    const coordOutside = okCtx('coordinator', 'file_objection', { ownOrganisation: false, inJurisdiction: false });
    expect(decide('publicity', 'file_objection', coordOutside)).toMatchObject({ ok: false, status: 403 });
    expect(decide('publicity', 'file_objection', okCtx('viewer'))).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses an incomplete submit or resubmit with 422 and the count', () => {
    const missing: MissingItem[] = [
      { itemCode: '1.1.1', title: 'a', what: 'evidence' },
      { itemCode: '1.1.2', title: 'b', what: 'statement' },
    ];
    for (const [state, action] of [
      ['draft', 'submit'],
      ['returned', 'resubmit'],
    ] as const) {
      expect(decide(state, action, okCtx('applicant', action, { missing }))).toMatchObject({
        ok: false,
        status: 422,
        reason: '自评估不完整：还有2项指标未完成',
      });
    }
  });

  it('refuses a late submit or resubmit with 409', () => {
    const late = okCtx('applicant', 'submit', { dueDatePassed: true });
    expect(decide('draft', 'submit', late)).toMatchObject({
      ok: false,
      status: 409,
      reason: '已超过截止日期，不能提交',
    });
    expect(decide('returned', 'resubmit', late)).toMatchObject({ ok: false, status: 409 });
  });

  it('requires return reasons', () => {
    const ctx = okCtx('coordinator', 'return', { hasReturnReasons: false });
    expect(decide('completeness_check', 'return', ctx)).toMatchObject({
      ok: false,
      status: 409,
      reason: '退回补充须填写退回原因',
    });
  });

  it('routes to on-site or rating according to the level', () => {
    const onsite = okCtx('coordinator', undefined, { onsiteRequired: true });
    const noOnsite = okCtx('coordinator', undefined, { onsiteRequired: false });
    expect(decide('document_review', 'to_onsite', onsite)).toMatchObject({ ok: true, to: 'onsite' });
    expect(decide('document_review', 'to_rating', onsite)).toMatchObject({
      ok: false,
      status: 409,
      reason: '该等级需要现场查验',
    });
    expect(decide('document_review', 'to_rating', noOnsite)).toMatchObject({ ok: true, to: 'rating' });
    expect(decide('document_review', 'to_onsite', noOnsite)).toMatchObject({
      ok: false,
      status: 409,
      reason: '该等级无需现场查验',
    });
  });

  it('rates only with all scores and goes to not_passed when no level is reached', () => {
    expect(decide('rating', 'rate', okCtx('coordinator', 'rate', { allScoresEntered: false }))).toMatchObject({
      ok: false,
      status: 409,
      reason: '还有指标未录入评分',
    });
    expect(decide('rating', 'rate', okCtx('coordinator', 'rate', { levelOutcome: 'none' }))).toMatchObject({
      ok: true,
      to: 'not_passed',
    });
    expect(decide('rating', 'rate', okCtx('coordinator', 'rate', { levelOutcome: 'target' }))).toMatchObject({
      ok: true,
      to: 'publicity',
      effects: ['derive_level', 'start_publicity'],
    });
  });

  it('a missed target level needs the coordinator to decide: award the lower level or not passed', () => {
    const lower = { levelOutcome: 'lower' as const, allowLowerLevel: true };
    expect(decide('rating', 'rate', okCtx('coordinator', 'rate', lower))).toMatchObject({
      ok: false,
      status: 409,
      reason: '未达到申报等级：请决定授予较低等级或评定为未通过',
    });
    expect(
      decide('rating', 'rate', okCtx('coordinator', 'rate', { ...lower, lowerLevelDecision: 'award_lower' })),
    ).toMatchObject({ ok: true, to: 'publicity' });
    expect(
      decide('rating', 'rate', okCtx('coordinator', 'rate', { ...lower, lowerLevelDecision: 'not_passed' })),
    ).toMatchObject({ ok: true, to: 'not_passed' });
    // the scheme says whether a lower level may be awarded
    const strict = {
      levelOutcome: 'lower' as const,
      allowLowerLevel: false,
      lowerLevelDecision: 'award_lower' as const,
    };
    expect(decide('rating', 'rate', okCtx('coordinator', 'rate', strict))).toMatchObject({
      ok: false,
      status: 409,
      reason: '该指标体系不允许授予低于申报等级的等级',
    });
    expect(
      decide('rating', 'rate', okCtx('coordinator', 'rate', { ...strict, lowerLevelDecision: 'not_passed' })),
    ).toMatchObject({ ok: true, to: 'not_passed' });
  });

  it('levelOutcome compares the derived level with the target', () => {
    expect(levelOutcome('3', '3')).toBe('target');
    expect(levelOutcome('2', '3')).toBe('lower');
    expect(levelOutcome(null, '3')).toBe('none');
  });

  it('lets a coordinator re-open a withdrawn application as a draft; the applicant cannot', () => {
    expect(decide('withdrawn', 'reopen', okCtx('coordinator'))).toMatchObject({ ok: true, to: 'draft', effects: [] });
    expect(decide('withdrawn', 'reopen', okCtx('applicant'))).toMatchObject({ ok: false, status: 403 });
    expect(decide('draft', 'reopen', okCtx('coordinator'))).toMatchObject({ ok: false, status: 409 });
    const outside = okCtx('coordinator', 'reopen', { inJurisdiction: false, ownOrganisation: false });
    expect(decide('withdrawn', 'reopen', outside)).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses an objection to the caller’s own application with 403', () => {
    const own = okCtx('applicant', 'file_objection', { ownOrganisation: true, inJurisdiction: true });
    expect(decide('publicity', 'file_objection', own)).toMatchObject({
      ok: false,
      status: 403,
      reason: '不能对本单位的申请提出异议',
    });
    expect(availableActions('publicity', own)).toMatchObject([
      { action: 'file_objection', allowed: false, reason: '不能对本单位的申请提出异议' },
    ]);
  });

  it('publishes only after the publicity period without open objections', () => {
    expect(decide('publicity', 'publish', okCtx('admin', 'publish', { publicityOver: false }))).toMatchObject({
      ok: false,
      status: 409,
      reason: '公示期尚未结束，不能公布',
    });
    expect(decide('publicity', 'publish', okCtx('admin', 'publish', { openObjections: 2 }))).toMatchObject({
      ok: false,
      status: 409,
      reason: '还有2条异议未处理，不能公布',
    });
  });

  it('accepts objections only during the publicity period', () => {
    const ctx = okCtx('applicant', 'file_objection', { publicityOver: true });
    expect(decide('publicity', 'file_objection', ctx)).toMatchObject({
      ok: false,
      status: 409,
      reason: '公示期已结束，不能提出异议',
    });
  });

  it('resolves an objection back to publicity, or to rating when upheld', () => {
    expect(decide('objection', 'resolve_objection', okCtx('coordinator'))).toMatchObject({ to: 'publicity' });
    expect(
      decide('objection', 'resolve_objection', okCtx('coordinator', undefined, { objectionUpheld: true })),
    ).toMatchObject({ ok: true, to: 'rating', effects: ['resolve_objection'] });
  });

  it('snapshots a version on submit and resubmit', () => {
    expect(decide('draft', 'submit', okCtx('applicant', 'submit'))).toMatchObject({
      ok: true,
      to: 'submitted',
      effects: ['snapshot_version'],
    });
    expect(decide('returned', 'resubmit', okCtx('applicant', 'resubmit'))).toMatchObject({
      ok: true,
      to: 'submitted',
      effects: ['snapshot_version', 'clear_return_reasons'],
    });
    expect(decide('completeness_check', 'return', okCtx('coordinator', 'return'))).toMatchObject({
      effects: expect.arrayContaining(['record_return_reasons']),
    });
  });
});

describe('the 2020 process: conformance test, document review, on-site result', () => {
  it('accept leads to the conformance test, clearing an earlier round’s result', () => {
    expect(decide('completeness_check', 'accept', okCtx('coordinator'))).toMatchObject({
      ok: true,
      to: 'conformance_testing',
      effects: ['clear_conformance'],
    });
  });

  it('finish_conformance needs the result recorded (409): passed → document review, failed → returned', () => {
    expect(
      decide(
        'conformance_testing',
        'finish_conformance',
        okCtx('coordinator', undefined, { conformanceRecorded: false }),
      ),
    ).toMatchObject({
      ok: false,
      status: 409,
      code: 'application.conformance_missing',
      reason: '尚未录入标准符合性测试结果',
    });
    expect(decide('conformance_testing', 'finish_conformance', okCtx('admin'))).toMatchObject({
      ok: true,
      to: 'document_review',
      effects: ['record_conformance_return'],
    });
    expect(
      decide(
        'conformance_testing',
        'finish_conformance',
        okCtx('coordinator', undefined, { conformancePassed: false }),
      ),
    ).toMatchObject({ ok: true, to: 'returned', effects: ['record_conformance_return'] });
  });

  it('finish_conformance: coordinators of the jurisdiction only; applicants, viewers, experts and the national body 403', () => {
    const out = okCtx('coordinator', undefined, { inJurisdiction: false, ownOrganisation: false });
    expect(decide('conformance_testing', 'finish_conformance', out)).toMatchObject({
      ok: false,
      status: 403,
      code: 'application.out_of_jurisdiction',
    });
    for (const r of ['applicant', 'viewer', 'expert', 'national'] as const)
      expect(decide('conformance_testing', 'finish_conformance', okCtx(r))).toMatchObject({
        ok: false,
        status: 403,
        code: 'application.role_not_allowed',
      });
  });

  it('to_onsite and to_rating wait for the consolidated document review (409), after the routing by level', () => {
    const pending = { documentReviewDone: false };
    expect(
      decide('document_review', 'to_onsite', okCtx('coordinator', undefined, { ...pending, onsiteRequired: true })),
    ).toMatchObject({
      ok: false,
      status: 409,
      code: 'application.document_review_pending',
      reason: '专家文审结果尚未汇总',
    });
    expect(
      decide('document_review', 'to_rating', okCtx('coordinator', undefined, { ...pending, onsiteRequired: false })),
    ).toMatchObject({ ok: false, status: 409, code: 'application.document_review_pending' });
    // the level's routing says more than the pending review
    expect(
      decide('document_review', 'to_rating', okCtx('coordinator', undefined, { ...pending, onsiteRequired: true })),
    ).toMatchObject({ ok: false, code: 'application.onsite_required' });
    expect(
      availableActions('document_review', okCtx('coordinator', undefined, { ...pending, onsiteRequired: true })),
    ).toMatchObject([
      { action: 'to_onsite', allowed: false, code: 'application.document_review_pending' },
      { action: 'to_rating', allowed: false, code: 'application.onsite_required' },
    ]);
  });

  it('finish_onsite needs the on-site result recorded (409); a failed inspection still goes to rating', () => {
    expect(
      decide('onsite', 'finish_onsite', okCtx('coordinator', undefined, { onsiteResultRecorded: false })),
    ).toMatchObject({
      ok: false,
      status: 409,
      code: 'application.onsite_result_missing',
      reason: '尚未录入现场查验结果',
    });
    expect(decide('onsite', 'finish_onsite', okCtx('coordinator'))).toMatchObject({ ok: true, to: 'rating' });
  });
});

describe('the national body: referral (上报) of 五级乙等 and above, publication, revocation', () => {
  it('rate refers an awarded 五级乙等 or above to the national body instead of publicity', () => {
    for (const derivedLevel of ['5B', '5A'] as const)
      expect(decide('rating', 'rate', okCtx('coordinator', 'rate', { derivedLevel }))).toMatchObject({
        ok: true,
        to: 'referred',
        effects: ['derive_level', 'start_publicity'],
      });
    expect(decide('rating', 'rate', okCtx('coordinator', 'rate', { derivedLevel: '4A' }))).toMatchObject({
      to: 'publicity',
    });
    // a lower level awarded: what is awarded decides (5A missed, 5B awarded → referred; 5B missed, 4A → publicity)
    const lower = { levelOutcome: 'lower' as const, lowerLevelDecision: 'award_lower' as const };
    expect(decide('rating', 'rate', okCtx('admin', 'rate', { ...lower, derivedLevel: '5B' }))).toMatchObject({
      to: 'referred',
    });
    expect(decide('rating', 'rate', okCtx('admin', 'rate', { ...lower, derivedLevel: '4A' }))).toMatchObject({
      to: 'publicity',
    });
    // not passed stays not passed
    expect(
      decide('rating', 'rate', okCtx('admin', 'rate', { levelOutcome: 'none', derivedLevel: null })),
    ).toMatchObject({ to: 'not_passed' });
  });

  it('national_confirm: the national body only, anywhere; it starts the publicity', () => {
    expect(
      decide('referred', 'national_confirm', okCtx('national', undefined, { inJurisdiction: false })),
    ).toMatchObject({ ok: true, to: 'publicity', effects: ['start_publicity'] });
    for (const r of ['coordinator', 'admin', 'applicant', 'viewer', 'expert'] as const)
      expect(decide('referred', 'national_confirm', okCtx(r))).toMatchObject({ ok: false, status: 403 });
    expect(decide('rating', 'national_confirm', okCtx('national'))).toMatchObject({ ok: false, status: 409 });
  });

  it('national_reject needs a reason (409) and records the rejection', () => {
    expect(decide('referred', 'national_reject', okCtx('national', undefined, { hasReason: false }))).toMatchObject({
      ok: false,
      status: 409,
      code: 'application.reason_required',
      reason: '请填写原因',
    });
    expect(decide('referred', 'national_reject', okCtx('national'))).toMatchObject({
      ok: true,
      to: 'not_passed',
      effects: ['record_rejection'],
    });
    expect(decide('referred', 'national_reject', okCtx('admin'))).toMatchObject({ ok: false, status: 403 });
  });

  it('lists the national body’s actions on a referred application, and nothing for the coordinator', () => {
    expect(availableActions('referred', okCtx('national'))).toMatchObject([
      { action: 'national_confirm', allowed: true },
      { action: 'national_reject', allowed: true },
    ]);
    expect(availableActions('referred', okCtx('coordinator'))).toEqual([]);
    expect(availableActions('referred', okCtx('admin'))).toEqual([]);
  });

  it('publishes 五级乙等 and above only as the national body (403 with the reason for a coordinator or admin)', () => {
    const national = { nationalLevel: true };
    for (const r of COORD)
      expect(decide('publicity', 'publish', okCtx(r, 'publish', national))).toMatchObject({
        ok: false,
        status: 403,
        code: 'application.publish_national_only',
        reason: '五级乙等及以上等级的结果由国家级管理机构公布',
      });
    expect(decide('publicity', 'publish', okCtx('national', 'publish', national))).toMatchObject({
      ok: true,
      to: 'published',
    });
    // the period and the objections still count for the national body
    expect(
      decide('publicity', 'publish', okCtx('national', 'publish', { ...national, publicityOver: false })),
    ).toMatchObject({ ok: false, status: 409, code: 'application.publicity_not_over' });
    // the refusal is a 403 even when the period is not over: who may publish comes first
    expect(
      decide('publicity', 'publish', okCtx('coordinator', 'publish', { ...national, publicityOver: false })),
    ).toMatchObject({ status: 403 });
    // below 五级乙等 a coordinator publishes, as before
    expect(decide('publicity', 'publish', okCtx('coordinator', 'publish'))).toMatchObject({ ok: true });
    expect(availableActions('publicity', okCtx('coordinator', 'publish', national))).toContainEqual(
      expect.objectContaining({ action: 'publish', allowed: false, code: 'application.publish_national_only' }),
    );
  });

  it('revoke: the national body cancels a published level after a failed spot check, with a reason', () => {
    expect(decide('published', 'revoke', okCtx('national'))).toMatchObject({
      ok: true,
      to: 'not_passed',
      effects: ['record_rejection'],
    });
    expect(decide('published', 'revoke', okCtx('national', undefined, { hasReason: false }))).toMatchObject({
      ok: false,
      status: 409,
      code: 'application.reason_required',
    });
    expect(decide('publicity', 'revoke', okCtx('national'))).toMatchObject({ ok: false, status: 409 });
    for (const r of ['coordinator', 'admin'] as const)
      expect(decide('published', 'revoke', okCtx(r))).toMatchObject({ ok: false, status: 403 });
  });
});

describe('availableActions', () => {
  it('lists what the applicant may do from a draft, with reasons', () => {
    const missing: MissingItem[] = [{ itemCode: '1.1.1', title: 'a', what: 'selfScore' }];
    expect(availableActions('draft', okCtx('applicant', undefined, { missing }))).toMatchObject([
      { action: 'submit', allowed: false, reason: '自评估不完整：还有1项指标未完成' },
      { action: 'withdraw', allowed: true, reason: null },
    ]);
  });

  it('lists the coordinator actions of document review', () => {
    expect(
      availableActions('document_review', okCtx('coordinator', undefined, { onsiteRequired: true })),
    ).toMatchObject([
      { action: 'to_onsite', allowed: true, reason: null },
      { action: 'to_rating', allowed: false, reason: '该等级需要现场查验' },
    ]);
  });

  it('lists nothing for roles that cannot act and for final states', () => {
    for (const s of APPLICATION_STATES) {
      expect(availableActions(s, okCtx('viewer'))).toMatchObject([]);
      expect(availableActions(s, okCtx('expert'))).toMatchObject([]);
    }
    for (const r of ROLES) {
      expect(availableActions('not_passed', okCtx(r))).toMatchObject([]);
      // a published result: only the national body's revocation after a failed spot check
      expect(availableActions('published', okCtx(r))).toMatchObject(
        r === 'national' ? [{ action: 'revoke', allowed: true, reason: null }] : [],
      );
      // a withdrawn application: only a coordinator's re-open
      expect(availableActions('withdrawn', okCtx(r))).toMatchObject(
        r === 'coordinator' || r === 'admin' ? [{ action: 'reopen', allowed: true, reason: null }] : [],
      );
    }
  });

  it('marks out-of-scope actions as not allowed', () => {
    const ctx = okCtx('applicant', undefined, { ownOrganisation: false });
    expect(availableActions('returned', ctx)).toMatchObject([
      { action: 'resubmit', allowed: false, reason: '只能操作本单位的申请' },
      { action: 'withdraw', allowed: false, reason: '只能操作本单位的申请' },
    ]);
  });

  it('shows objections and publishing in publicity', () => {
    const actions = availableActions('publicity', okCtx('coordinator')).map((a) => a.action);
    expect(actions).toMatchObject(['file_objection', 'publish']);
  });
});

describe('STAGE_GRAPH', () => {
  it('has one node per state with its stage', () => {
    expect(STAGE_GRAPH.nodes.map((n) => n.state)).toMatchObject([...APPLICATION_STATES]);
    for (const n of STAGE_GRAPH.nodes) {
      expect(n.stage).toBe(stageOf(n.state));
      expect(n.label).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('draws exactly the transitions', () => {
    for (const e of STAGE_GRAPH.edges) {
      const t = TRANSITIONS.find((x) => x.action === e.action && x.from.includes(e.from));
      expect(t).toBeDefined();
      expect(targetsOf(t as (typeof TRANSITIONS)[number])).toContain(e.to);
    }
    const count = TRANSITIONS.reduce((s, t) => s + t.from.length * targetsOf(t).length, 0);
    expect(STAGE_GRAPH.edges).toHaveLength(count);
  });

  it('reaches every state from draft', () => {
    const seen = new Set<ApplicationState>(['draft']);
    const queue: ApplicationState[] = ['draft'];
    while (queue.length) {
      const s = queue.shift() as ApplicationState;
      for (const e of STAGE_GRAPH.edges.filter((x) => x.from === s)) {
        if (!seen.has(e.to)) {
          seen.add(e.to);
          queue.push(e.to);
        }
      }
    }
    expect([...seen].sort()).toMatchObject([...APPLICATION_STATES].sort());
  });

  it('function targets list every state they can yield', () => {
    for (const t of TRANSITIONS) {
      if (typeof t.to !== 'function') continue;
      for (const over of [
        {},
        { levelOutcome: 'none' as const },
        { levelOutcome: 'lower' as const, lowerLevelDecision: 'award_lower' as const },
        { levelOutcome: 'lower' as const, lowerLevelDecision: 'not_passed' as const },
        { objectionUpheld: true },
        { derivedLevel: '5B' as const },
        { levelOutcome: 'lower' as const, lowerLevelDecision: 'award_lower' as const, derivedLevel: '5A' as const },
        { conformancePassed: false },
      ]) {
        expect(targetsOf(t)).toContain(t.to(okCtx('admin', t.action, over)));
      }
    }
  });

  it('assigns the published stages', () => {
    expect(stageOf('draft')).toBe(1);
    expect(stageOf('returned')).toBe(1);
    expect(stageOf('conformance_testing')).toBe(2);
    expect(stageOf('document_review')).toBe(2);
    expect(stageOf('referred')).toBe(4);
    expect(stageOf('onsite')).toBe(3);
    expect(stageOf('objection')).toBe(4);
    expect(stageOf('not_passed')).toBe(4);
    expect(stageOf('withdrawn')).toBe(0);
  });
});

describe('refusals carry a code and params, translated by the catalogue', () => {
  it('decide: code, params, status and the Chinese reason', () => {
    const d = decide('draft', 'publish', okCtx('coordinator'));
    expect(d).toEqual({
      ok: false,
      status: 409,
      code: 'application.wrong_state',
      params: { state: 'draft', action: 'publish' },
      reason: '当前状态为“草稿”，不能公布结果',
    });
    expect(d.ok ? '' : refusalText(d, 'en')).toBe('The application is “Draft”: “Publish” is not possible now');
    const incomplete = decide(
      'draft',
      'submit',
      okCtx('applicant', 'submit', { missing: [{ itemCode: '1.1', what: 'selfScore' }] as MissingItem[] }),
    );
    expect(incomplete).toMatchObject({ status: 422, code: 'application.incomplete', params: { n: 1 } });
  });

  it('availableActions: a blocked action has the code and params of its reason', () => {
    const actions = availableActions(
      'publicity',
      okCtx('coordinator', undefined, { publicityOver: true, openObjections: 2 }),
    );
    expect(actions.find((a) => a.action === 'publish')).toEqual({
      action: 'publish',
      allowed: false,
      reason: '还有2条异议未处理，不能公布',
      code: 'application.open_objections',
      params: { n: 2 },
    });
  });

  it('every code the machine can answer has zh and en texts', () => {
    const codes = new Set<string>();
    for (const state of APPLICATION_STATES)
      for (const action of APPLICATION_ACTIONS)
        for (const role of ROLES)
          for (const over of [
            {},
            { ownOrganisation: false },
            { inJurisdiction: false },
            { missing: [{ itemCode: '1', what: 'selfScore' }] as MissingItem[] },
            { dueDatePassed: true },
            { hasReturnReasons: false },
            { allScoresEntered: false },
            { publicityOver: true },
            { openObjections: 1 },
            { levelOutcome: 'lower' as const },
            { hasReason: false },
            { conformanceRecorded: false },
            { documentReviewDone: false },
            { onsiteResultRecorded: false },
            { nationalLevel: true },
          ]) {
            const d = decide(state, action, okCtx(role, action, over));
            if (!d.ok) codes.add(d.code);
          }
    for (const code of codes) {
      expect(ASSESSMENT_MESSAGES[code as keyof typeof ASSESSMENT_MESSAGES]?.en).toBeTruthy();
    }
    expect(codes.size).toBeGreaterThan(10);
  });
});
