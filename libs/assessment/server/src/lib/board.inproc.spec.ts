/**
 * The coordinator's cycle board (filters, lateness under a fixed clock), bulk transitions with refusals, and the
 * cycle list's counts — ApplicationService.board / bulk and CycleService.list, as the controllers call them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { ApplicationState, Level } from '@hutong/assessment-model';
import { addDays } from '@hutong/platform-model';
import { DAY_MS, advanceClock, restoreClock, setClock } from '@hutong/platform-server/testing';
import type { Province } from '@hutong/organisations-server/testing';
import type { TestUser } from '@hutong/identity-server/testing';
import { startAssessmentApp, type AssessmentTestApp } from '../testing';
import type { Organisation } from '@hutong/organisations-server';
import type { Application, Cycle, Scheme } from './entities/assessment.entities';
import { ApplicationService } from './application.service';
import { CycleService } from './cycle.service';

const NOW = '2026-03-10T02:00:00Z';
const TODAY = '2026-03-10';

let t: AssessmentTestApp;
let apps: ApplicationService;
let p: Province;
let hospitalScheme: Scheme;
let regionScheme: Scheme;
let provinceCoord: TestUser;
let xinyangCoord: TestUser;

beforeAll(async () => {
  setClock(NOW);
  t = await startAssessmentApp();
  apps = t.service(ApplicationService);
  p = await t.orgs.provinceTree();
  hospitalScheme = await t.assessment.scheme('hospital');
  regionScheme = await t.assessment.scheme('region');
  provinceCoord = await t.users.coordinator(p.province);
  xinyangCoord = await t.users.coordinator(p.xinyang);
});

afterAll(async () => {
  await t?.close();
  restoreClock();
});

async function applicationOf(
  cycle: Cycle,
  org: Organisation,
  state: ApplicationState,
  extra: { targetLevel?: Level; returnDeadline?: string; scheme?: Scheme } = {},
): Promise<Application> {
  const owner = await t.users.applicant(org);
  return t.assessment.application({
    cycle,
    organisation: org,
    scheme: extra.scheme ?? hospitalScheme,
    createdBy: owner.user,
    state,
    ...extra,
  });
}

const ids = (list: { id: string }[]) => list.map((a) => a.id).sort();

/** One board page's rows (the board is paginated: `Paged<ApplicationSummary>`). */
const boardItems = async (...args: Parameters<ApplicationService['board']>) => (await apps.board(...args)).items;

describe('board filters', () => {
  let cycle: Cycle;
  let cityDraft: Application; // 信阳市中心医院, 3, draft
  let countySubmitted: Application; // 浉河区人民医院, 4A, submitted
  let platformRating: Application; // 信阳 regional platform, region scheme, rating
  let zhengzhouDraft: Application; // 郑州

  beforeAll(async () => {
    cycle = await t.assessment.cycle({
      jurisdiction: p.province,
      schemes: [hospitalScheme, regionScheme],
      eligibleKinds: ['hospital', 'regional_platform'],
    });
    const platform = await t.orgs.institution(p.xinyang, 'regional_platform', { name: '信阳市全民健康信息平台' });
    cityDraft = await applicationOf(cycle, p.xinyangHospital, 'draft');
    countySubmitted = await applicationOf(cycle, p.shiheHospital, 'submitted', { targetLevel: '4A' });
    platformRating = await applicationOf(cycle, platform, 'rating', { scheme: regionScheme });
    zhengzhouDraft = await applicationOf(cycle, p.zhengzhouHospital, 'draft');
  });

  it('lists the applications in the caller’s jurisdiction only, ordered by organisation code', async () => {
    const all = await boardItems(provinceCoord.principal, cycle.id, {});
    expect(ids(all)).toEqual(ids([cityDraft, countySubmitted, platformRating, zhengzhouDraft]));
    expect(all.map((a) => a.organisation.code)).toEqual(all.map((a) => a.organisation.code).sort());
    const xinyang = await boardItems(xinyangCoord.principal, cycle.id, {});
    expect(ids(xinyang)).toEqual(ids([cityDraft, countySubmitted, platformRating]));
    expect(xinyang.find((a) => a.id === countySubmitted.id)?.regionPath).toEqual(['河南省', '信阳市', '浉河区']);
  });

  it('filters by state, organisation kind, target level and region', async () => {
    const board = (q: Parameters<ApplicationService['board']>[2]) => boardItems(provinceCoord.principal, cycle.id, q);
    expect(ids(await board({ state: 'draft' }))).toEqual(ids([cityDraft, zhengzhouDraft]));
    expect(ids(await board({ kind: 'regional_platform' }))).toEqual(ids([platformRating]));
    expect(ids(await board({ targetLevel: '4A' }))).toEqual(ids([countySubmitted]));
    expect(ids(await board({ regionId: p.xinyang.id }))).toEqual(ids([cityDraft, countySubmitted, platformRating]));
    expect(ids(await board({ regionId: p.shihe.id }))).toEqual(ids([countySubmitted]));
    expect(ids(await board({ state: 'draft', regionId: p.zhengzhou.id }))).toEqual(ids([zhengzhouDraft]));
    expect(await board({ state: 'published' })).toEqual([]);
  });

  it('searches organisation names and codes, with LIKE wildcards taken literally', async () => {
    const board = (q: string) => boardItems(provinceCoord.principal, cycle.id, { q });
    expect(ids(await board('中心医院'))).toEqual(ids([cityDraft]));
    expect(ids(await board(p.zhengzhouHospital.code.slice(-4)))).toEqual(ids([zhengzhouDraft]));
    expect(await board('%')).toEqual([]);
    expect(await board('_')).toEqual([]);
  });

  it('pages and sorts on the server: the total counts every match, pages do not overlap', async () => {
    const page1 = await apps.board(provinceCoord.principal, cycle.id, { pageSize: 3 });
    const page2 = await apps.board(provinceCoord.principal, cycle.id, { pageSize: 3, page: 2 });
    expect([page1.total, page1.page, page1.pageSize, page1.items.length]).toEqual([4, 1, 3, 3]);
    expect([page2.total, page2.page, page2.items.length]).toEqual([4, 2, 1]);
    expect(ids([...page1.items, ...page2.items])).toEqual(
      ids([cityDraft, countySubmitted, platformRating, zhengzhouDraft]),
    );
    const beyond = await apps.board(provinceCoord.principal, cycle.id, { pageSize: 3, page: 9 });
    expect([beyond.total, beyond.items.length]).toEqual([4, 0]);
    const byState = await boardItems(provinceCoord.principal, cycle.id, { sort: 'state', dir: 'desc' });
    expect(byState.map((a) => a.state)).toEqual(['submitted', 'rating', 'draft', 'draft']);
    const byCodeDesc = await boardItems(provinceCoord.principal, cycle.id, { dir: 'desc', sort: 'code' });
    expect(byCodeDesc.map((a) => a.organisation.code)).toEqual(
      byCodeDesc
        .map((a) => a.organisation.code)
        .sort()
        .reverse(),
    );
  });

  it('counts the applications by state on the cycle list, within the caller’s jurisdiction', async () => {
    const cycles = t.service(CycleService);
    const seen = (await cycles.list(provinceCoord.principal)).find((c) => c.id === cycle.id);
    expect(seen?.counts).toEqual({ draft: 2, submitted: 1, rating: 1 });
    expect((await cycles.get(xinyangCoord.principal, cycle.id)).counts).toEqual({ draft: 1, submitted: 1, rating: 1 });
  });
});

describe('lateness under a fixed clock', () => {
  let cycle: Cycle;
  let lateDraft: Application;
  let lateReturned: Application;
  let onTimeReturned: Application;
  let submitted: Application;
  let published: Application;

  beforeAll(async () => {
    // the application window closed yesterday; the document review opens today
    cycle = await t.assessment.cycle({
      jurisdiction: p.xinyang,
      schemes: [hospitalScheme],
      windows: [
        { key: 'application', start: addDays(TODAY, -60), end: addDays(TODAY, -1) },
        { key: 'documentReview', start: TODAY, end: addDays(TODAY, 30) },
        { key: 'onsite', start: addDays(TODAY, 31), end: addDays(TODAY, 60) },
        { key: 'results', start: addDays(TODAY, 61), end: addDays(TODAY, 90) },
      ],
    });
    const under = () => t.orgs.hospital(p.xinyang);
    lateDraft = await applicationOf(cycle, await under(), 'draft');
    lateReturned = await applicationOf(cycle, await under(), 'returned', { returnDeadline: addDays(TODAY, -1) });
    onTimeReturned = await applicationOf(cycle, await under(), 'returned', { returnDeadline: TODAY });
    submitted = await applicationOf(cycle, await under(), 'submitted');
    published = await applicationOf(cycle, await under(), 'published');
  });

  it('flags exactly the applications past their due date; the late filter returns exactly those', async () => {
    const board = await boardItems(xinyangCoord.principal, cycle.id, {});
    expect(board).toHaveLength(5);
    const flagged = board.filter((a) => a.late);
    expect(ids(flagged)).toEqual(ids([lateDraft, lateReturned]));
    expect(board.find((a) => a.id === lateDraft.id)?.dueDate).toBe(addDays(TODAY, -1));
    expect(board.find((a) => a.id === published.id)?.dueDate).toBeNull();
    const late = await boardItems(xinyangCoord.principal, cycle.id, { late: true });
    expect(ids(late)).toEqual(ids([lateDraft, lateReturned]));
  });

  it('a due date ends at 24:00 Shanghai time: one second later, today’s become late too', async () => {
    setClock('2026-03-10T15:59:50Z'); // 23:59:50 in Shanghai
    try {
      expect(ids(await boardItems(xinyangCoord.principal, cycle.id, { late: true }))).toEqual(
        ids([lateDraft, lateReturned]),
      );
      advanceClock(10_000);
      expect(ids(await boardItems(xinyangCoord.principal, cycle.id, { late: true }))).toEqual(
        ids([lateDraft, lateReturned, onTimeReturned, submitted]),
      );
      advanceClock(DAY_MS);
      expect((await boardItems(xinyangCoord.principal, cycle.id, { late: true })).map((a) => a.id)).not.toContain(
        published.id,
      );
    } finally {
      setClock(NOW);
    }
  });
});

describe('bulk transitions', () => {
  let cycle: Cycle;
  let s1: Application;
  let s2: Application;
  let draft: Application;
  let published: Application;

  async function snapshot(id: string) {
    const [row] = await t.sql('select state, version, updated_at from application where id = ?', [id]);
    const [{ n: events }] = await t.sql<{ n: number }>(
      'select count(*)::int as n from stage_event where application_id = ?',
      [id],
    );
    const [{ n: audits }] = await t.sql<{ n: number }>(
      'select count(*)::int as n from audit_entry where entity_id = ?',
      [id],
    );
    return { row, events, audits };
  }

  beforeAll(async () => {
    cycle = await t.assessment.cycle({ jurisdiction: p.xinyang, schemes: [hospitalScheme] });
    const under = () => t.orgs.hospital(p.xinyang);
    s1 = await applicationOf(cycle, await under(), 'submitted');
    s2 = await applicationOf(cycle, await under(), 'submitted');
    draft = await applicationOf(cycle, await under(), 'draft');
    published = await applicationOf(cycle, await under(), 'published');
  });

  it('a coordinator outside the jurisdiction is refused every one, and nothing changes', async () => {
    const outsider = await t.users.coordinator(p.zhengzhou);
    const before = await snapshot(s1.id);
    const result = await apps.bulk(outsider.principal, [s1.id, s2.id], 'start_check');
    expect(result).toEqual({
      done: [],
      refused: [
        { id: s1.id, reason: '该申请不在您的管辖范围内', code: 'application.out_of_jurisdiction', params: {} },
        { id: s2.id, reason: '该申请不在您的管辖范围内', code: 'application.out_of_jurisdiction', params: {} },
      ],
    });
    expect(await snapshot(s1.id)).toEqual(before);
  });

  it('does the allowed ones, refuses the others with their reason, once per id; the refused stay as they were', async () => {
    const missing = randomUUID();
    const [draftBefore, publishedBefore] = [await snapshot(draft.id), await snapshot(published.id)];
    const result = await apps.bulk(
      xinyangCoord.principal,
      [s1.id, draft.id, s2.id, published.id, missing, s1.id],
      'start_check',
      '批量开始审核',
    );
    expect(result).toEqual({
      done: [s1.id, s2.id],
      refused: [
        {
          id: draft.id,
          reason: '当前状态为“草稿”，不能开始完整性审核',
          code: 'application.wrong_state',
          params: { state: 'draft', action: 'start_check' },
        },
        {
          id: published.id,
          reason: '当前状态为“已公布”，不能开始完整性审核',
          code: 'application.wrong_state',
          params: { state: 'published', action: 'start_check' },
        },
        { id: missing, reason: '申请不存在', code: 'common.not_found', params: { entity: 'application' } },
      ],
    });
    expect(await snapshot(draft.id)).toEqual(draftBefore);
    expect(await snapshot(published.id)).toEqual(publishedBefore);
    for (const id of [s1.id, s2.id]) {
      const [row] = await t.sql<{ state: string }>('select state from application where id = ?', [id]);
      expect(row.state).toBe('completeness_check');
      const audit = await t.sql(
        "select action, before, after from audit_entry where entity_id = ? and action = 'application.start_check'",
        [id],
      );
      expect(audit).toEqual([
        { action: 'application.start_check', before: { state: 'submitted' }, after: { state: 'completeness_check' } },
      ]);
      const [event] = await t.sql<{ note: string }>(
        "select note from stage_event where application_id = ? and action = 'start_check'",
        [id],
      );
      expect(event.note).toBe('批量开始审核');
    }
  });

  it('a bulk return is refused for lack of reasons, one by one', async () => {
    const result = await apps.bulk(xinyangCoord.principal, [s1.id, s2.id], 'return');
    expect(result.done).toEqual([]);
    expect(result.refused.map((r) => r.reason)).toEqual(['退回补充须填写退回原因', '退回补充须填写退回原因']);
  });
});
