/**
 * The assessment over HTTP, against the built api on PostgreSQL: what only HTTP shows — the routes, DTO
 * validation, multipart uploads and their limits, error bodies and status codes, the access guard's isolation of
 * applications and evidence files, download headers and the exports' content types. The stage machine's logic
 * (every transition, effect and refusal, lateness, bulk, cycles, scheme versions, organisation.in_use) is tested
 * in process: libs/assessment/server/src/lib/*.inproc.spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  fullChoice,
  type ApplicationView,
  type CycleView,
  type SchemeSummary,
  type SchemeView,
} from '@hutong/assessment-model';
import { startStack, type HttpClient, type Stack } from '../support/stack';

let stack: Stack;
let applicant: HttpClient;
let coordinator: HttpClient;
let admin: HttpClient;
let cycle: CycleView;
let scheme: SchemeView;
let appId: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

function requiredLeaves(tree: SchemeView['tree'], rank: number) {
  const order = ['1', '2', '3', '4B', '4A', '5B', '5A'];
  const out: SchemeView['tree'] = [];
  const walk = (n: SchemeView['tree'][number]) => {
    if (n.children.length === 0) {
      if (n.minLevel && order.indexOf(n.minLevel) <= rank) out.push(n);
    } else n.children.forEach(walk);
  };
  tree.forEach(walk);
  return out;
}

async function orgId(code: string): Promise<string> {
  const { rows } = await stack.db.query<{ id: string }>('select id from organisation where code = $1', [code]);
  return rows[0].id;
}

beforeAll(async () => {
  stack = await startStack({ seed: true });
  applicant = await stack.login('applicant');
  coordinator = await stack.login('coordinator');
  admin = await stack.login('admin');
  // a second hospital in 信阳 with its own contact, and a coordinator of 郑州
  const { rows } = await stack.db.query<{ id: string }>(
    "select o.id from organisation o where o.kind = 'hospital' and o.path like (select path from organisation where code = '411500') || '%' and o.id <> (select organisation_id from app_user where username = 'applicant') order by o.code limit 1",
  );
  expect(
    (
      await admin.post('/api/users', {
        username: 'other-hospital',
        displayName: '另一家医院',
        role: 'applicant',
        password: 'Second-clinic-2026',
        organisationId: rows[0].id,
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await admin.post('/api/users', {
        username: 'zz-coord',
        displayName: '郑州管理员',
        role: 'coordinator',
        password: 'Zhengzhou-2026',
        jurisdictionId: await orgId('410100'),
      })
    ).status,
  ).toBe(201);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the assessment workflow', () => {
  it('shows the applicant the open demo cycle and the hospital scheme', async () => {
    const cycles = await applicant.get<CycleView[]>('/api/cycles');
    expect(cycles.status).toBe(200);
    cycle = cycles.body.find((c) => c.name === '2026年度第一批')!;
    expect(cycle?.status).toBe('open');
    const schemes = await applicant.get<SchemeSummary[]>('/api/schemes');
    const hospital = schemes.body.find((s) => s.key === 'hospital-2020')!;
    scheme = (await applicant.get<SchemeView>(`/api/schemes/${hospital.id}`)).body;
    expect(scheme.tree.map((c) => c.title)).toEqual([
      '数据资源标准化建设',
      '互联互通标准化建设',
      '基础设施建设',
      '互联互通应用效果',
    ]);
  });

  it('applies, autosaves, is refused an incomplete submit with the exact list, completes and submits', async () => {
    const me = (await applicant.get('/api/auth/me')).body;
    // 五级乙等 only in a year after passing 四级: refused with the reason, nothing written
    const ineligible = await applicant.post('/api/applications', {
      cycleId: cycle.id,
      organisationId: me.organisation.id,
      schemeId: scheme.id,
      targetLevel: '5B',
    });
    expect(ineligible.status).toBe(422);
    expect(ineligible.body).toMatchObject({
      code: 'application.level_needs_earlier_level4',
      message: expect.stringContaining('不能申报五级乙等：须在'),
    });
    const { rows: none } = await stack.db.query('select id from application where organisation_id = $1', [
      me.organisation.id,
    ]);
    expect(none).toHaveLength(0);
    const created = await applicant.post<ApplicationView>('/api/applications', {
      cycleId: cycle.id,
      organisationId: me.organisation.id,
      schemeId: scheme.id,
      targetLevel: '3',
    });
    expect(created.status).toBe(201);
    expect(created.body.state).toBe('draft');
    appId = created.body.id;
    const leaves = requiredLeaves(scheme.tree, 2);
    expect(created.body.answers.map((a) => a.itemCode).sort()).toEqual(leaves.map((l) => l.code).sort());
    expect(
      (
        await applicant.post('/api/applications', {
          cycleId: cycle.id,
          organisationId: me.organisation.id,
          schemeId: scheme.id,
          targetLevel: '3',
        })
      ).status,
    ).toBe(409);

    // the official scheme's answers: the printed option (binary), the level met (tiered), a count
    const answers = leaves.map((l) => ({
      itemCode: l.code,
      selfScore: null,
      statement: `已按标准建设：${l.code}`,
      choice: fullChoice(l),
    }));
    const saved = await applicant.put<ApplicationView>(`/api/applications/${appId}/answers`, { answers });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ schemeKey: 'hospital-2020', schemeName: scheme.name, schemeVersion: 1 });
    expect(saved.body.answers.find((a) => a.itemCode === leaves[0]?.code)?.selfScore).toBe(leaves[0]?.points);
    const wrongKind = await applicant.put(`/api/applications/${appId}/answers`, {
      answers: [{ ...answers[0], choice: { count: 3 } }],
    });
    expect(wrongKind.status).toBe(400);

    const withEvidence = leaves.filter((l) => l.evidenceRequired);
    expect(withEvidence.length).toBeGreaterThan(1);
    for (const l of withEvidence.slice(1)) {
      const up = await applicant.postFile(
        `/api/applications/${appId}/evidence`,
        'file',
        `${l.code}.pdf`,
        PDF,
        'application/pdf',
        { itemCode: l.code },
      );
      expect(up.status).toBe(201);
      expect(up.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const fake = await applicant.postFile(
      `/api/applications/${appId}/evidence`,
      'file',
      'fake.pdf',
      'not a pdf at all',
      'application/pdf',
      { itemCode: withEvidence[0].code },
    );
    expect(fake.status).toBe(415);
    // a zip that only mentions the Office part names is not a Word document
    const forged = Buffer.concat([
      Buffer.from('PK\x03\x04', 'latin1'),
      Buffer.alloc(26),
      Buffer.from('[Content_Types].xml word/document.xml'),
    ]);
    const forgedUp = await applicant.postFile(
      `/api/applications/${appId}/evidence`,
      'file',
      'forged.docx',
      forged,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      { itemCode: withEvidence[0].code },
    );
    expect(forgedUp.status).toBe(415);
    const huge = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]);
    const tooLarge = await applicant.postFile(
      `/api/applications/${appId}/evidence`,
      'file',
      'huge.pdf',
      huge,
      'application/pdf',
      { itemCode: withEvidence[0].code },
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ statusCode: 413, code: 'upload.too_large' });
    expect(tooLarge.body.message).toMatch(/^文件过大/);

    const incomplete = await applicant.post(`/api/applications/${appId}/transitions`, { action: 'submit' });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.details.missing).toEqual([
      expect.objectContaining({ itemCode: withEvidence[0].code, what: 'evidence' }),
    ]);

    const up = await applicant.postFile(
      `/api/applications/${appId}/evidence`,
      'file',
      '证明材料.pdf',
      PDF,
      'application/pdf',
      { itemCode: withEvidence[0].code },
    );
    expect(up.status).toBe(201);
    const submitted = await applicant.post<ApplicationView>(`/api/applications/${appId}/transitions`, {
      action: 'submit',
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ state: 'submitted', version: 1 });
    // the completeness check is due when the document review opens
    expect(submitted.body.dueDate).toBe(cycle.windows.find((w) => w.key === 'documentReview')?.start);
    expect((await applicant.put(`/api/applications/${appId}/answers`, { answers })).status).toBe(409);
  });

  it('refuses illegal transitions with 403/409 and the reason', async () => {
    const byApplicant = await applicant.post(`/api/applications/${appId}/transitions`, { action: 'accept' });
    expect(byApplicant.status).toBe(403);
    const early = await coordinator.post(`/api/applications/${appId}/transitions`, { action: 'publish' });
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('当前状态为“已提交”，不能公布结果');
    expect(early.body).toMatchObject({
      code: 'application.wrong_state',
      params: { state: 'submitted', action: 'publish' },
    });
    // the same refusal in English: the stage machine's code rendered from the assessment catalogue
    const res = await fetch(`${stack.baseUrl}/api/applications/${appId}/transitions`, {
      method: 'POST',
      headers: { cookie: coordinator.cookieHeader(), 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify({ action: 'publish' }),
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { message: string };
    expect(body.message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(body.message).toMatch(/Submitted/i);
  });

  it('walks the 2020 process over HTTP: conformance test, document review consolidated, rating — validated, audited', async () => {
    const post = <T = ApplicationView>(who: HttpClient, path: string, body: unknown) =>
      who.post<T>(`/api/applications/${appId}${path}`, body);
    expect((await post(coordinator, '/transitions', { action: 'start_check' })).status).toBe(200);
    // not yet in the conformance test: 409 with the code
    const early = await post(coordinator, '/conformance', { passed: true, items: 10, failedItems: 0 });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'application.conformance_only_in_testing' });
    const accepted = await post(coordinator, '/transitions', { action: 'accept' });
    expect(accepted.body).toMatchObject({ state: 'conformance_testing', conformance: null });
    // the DTO refuses what is not a result, field by field (400)
    const invalid = await post(coordinator, '/conformance', { passed: 'yes', items: -1, failedItems: 1.5 });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ code: 'validation.failed' });
    expect((invalid.body as unknown as { details: { field: string }[] }).details.map((d) => d.field).sort()).toEqual(
      expect.arrayContaining(['failedItems', 'items', 'passed']),
    );
    const mismatch = await post(coordinator, '/conformance', { passed: false, items: 2, failedItems: 3 });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toMatchObject({ code: 'application.conformance_counts_invalid' });
    // only coordinators of the jurisdiction (and admins)
    expect((await post(applicant, '/conformance', { passed: true, items: 10, failedItems: 0 })).status).toBe(403);
    const zz = await stack.login('zz-coord', 'Zhengzhou-2026');
    expect((await post(zz, '/conformance', { passed: true, items: 10, failedItems: 0 })).status).toBe(403);
    const blocked = await post(coordinator, '/transitions', { action: 'finish_conformance' });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: 'application.conformance_missing' });

    const recorded = await post(coordinator, '/conformance', {
      passed: true,
      items: 120,
      failedItems: 0,
      note: '通过',
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body.conformance).toMatchObject({ passed: true, items: 120, failedItems: 0, note: '通过' });
    expect((await post(coordinator, '/transitions', { action: 'finish_conformance' })).body.state).toBe(
      'document_review',
    );
    const pending = await post(coordinator, '/transitions', { action: 'to_rating' });
    expect(pending.status).toBe(409);
    expect(pending.body).toMatchObject({ code: 'application.document_review_pending' });
    expect((await post(coordinator, '/document-review', { scores: {}, opinion: '' })).status).toBe(400);
    const out = await post(coordinator, '/document-review', { scores: { '9.9.9': 1 }, opinion: '意见' });
    expect(out.status).toBe(400);
    expect(out.body).toMatchObject({ code: 'application.item_not_in_scope' });
    const consolidated = await post(coordinator, '/document-review', {
      scores: {},
      opinion: '材料齐全，同意进入等级评定',
    });
    expect(consolidated.status).toBe(200);
    expect(consolidated.body.reviewOpinions.document_review).toMatchObject({ opinion: '材料齐全，同意进入等级评定' });
    expect(consolidated.body.documentReviewDoneAt).not.toBeNull();
    // the on-site result belongs to the on-site inspection
    expect(
      (await post(coordinator, '/onsite-result', { passed: true, findings: 0, rectification: null })).body,
    ).toMatchObject({ code: 'application.onsite_only_in_onsite' });
    expect((await post(coordinator, '/transitions', { action: 'to_rating' })).body.state).toBe('rating');
    const { rows } = await stack.db.query<{ action: string }>(
      "select action from audit_entry where entity_id = $1 and action in ('application.conformance', 'application.review_consensus', 'application.finish_conformance') order by id",
      [appId],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'application.conformance',
      'application.finish_conformance',
      'application.review_consensus',
    ]);
  });

  it('exports the results list and the assessment report', async () => {
    // rated (the rating itself is tested in process): a report exists from publicity on
    await stack.db.query("update application set state = 'published', achieved_level = '3' where id = $1", [appId]);
    const xlsx = await fetch(`${stack.baseUrl}/api/cycles/${cycle.id}/results.xlsx`, {
      headers: { cookie: coordinator.cookieHeader() },
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const docx = await fetch(`${stack.baseUrl}/api/applications/${appId}/report.docx`, {
      headers: { cookie: applicant.cookieHeader() },
    });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });
});

describe('the national body (国家级管理机构)', () => {
  it('reads nationwide, records the spot check of a published result (national only), and revokes the level', async () => {
    // the application was published by the export test
    const national = await stack.login('national');
    const view = await national.get<ApplicationView>(`/api/applications/${appId}`);
    expect(view.status).toBe(200);
    expect(view.body.actions).toEqual([{ action: 'revoke', allowed: true, reason: null }]);
    expect((await national.get(`/api/cycles/${cycle.id}/applications`)).status).toBe(200);
    expect((await national.get('/api/dashboard')).status).toBe(200);
    // no admin rights
    expect((await national.get('/api/users')).status).toBe(403);
    expect((await national.get('/api/audit')).status).toBe(403);

    const url = `/api/applications/${appId}/spot-check`;
    expect((await coordinator.post(url, { date: '2026-11-20', passed: false, note: '' })).status).toBe(403);
    const badDate = await national.post(url, { date: '2026-02-30', passed: false, note: '' });
    expect(badDate.status).toBe(400);
    expect((await national.post(url, { date: '2026-11-20', passed: false, note: 'x'.repeat(2001) })).status).toBe(400);
    const checked = await national.post<ApplicationView>(url, {
      date: '2026-11-20',
      passed: false,
      note: '数据上传中断',
    });
    expect(checked.status).toBe(200);
    expect(checked.body.spotCheck).toMatchObject({ date: '2026-11-20', passed: false, note: '数据上传中断' });

    const transition = (who: HttpClient, body: object) =>
      who.post<ApplicationView>(`/api/applications/${appId}/transitions`, body);
    expect((await transition(coordinator, { action: 'revoke', reason: '飞行检查未通过' })).status).toBe(403);
    const noReason = await transition(national, { action: 'revoke' });
    expect(noReason.status).toBe(409);
    expect(noReason.body).toMatchObject({ code: 'application.reason_required' });
    const revoked = await transition(national, { action: 'revoke', reason: '飞行检查未通过' });
    expect(revoked.body).toMatchObject({ state: 'not_passed', achievedLevel: null });
    const { rows } = await stack.db.query<{ n: number }>(
      "select count(*)::int as n from audit_entry where entity_id = $1 and action in ('application.spot_check', 'application.revoke')",
      [appId],
    );
    expect(rows[0].n).toBe(2);
  });
});

describe('schemes', () => {
  it('refuses a malformed or inconsistent edit with 400 and writes nothing; coordinators cannot edit', async () => {
    const before = await stack.db.query('select count(*)::int as n, max(version) as v from scheme');
    const malformed = await admin.put(`/api/schemes/${scheme.id}`, {
      tree: [{ code: '1', title: 'x', children: 'no' }],
      levelRules: [],
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.details.problems.length).toBeGreaterThan(0);
    const tooHigh = structuredClone(scheme.tree);
    tooHigh[0].children[0].children[0].passScore = 999;
    const inconsistent = await admin.put(`/api/schemes/${scheme.id}`, { tree: tooHigh, levelRules: scheme.levelRules });
    expect(inconsistent.status).toBe(400);
    expect(inconsistent.body.message).toContain('合格分');
    expect(
      (await coordinator.put(`/api/schemes/${scheme.id}`, { tree: scheme.tree, levelRules: scheme.levelRules })).status,
    ).toBe(403);
    const after = await stack.db.query('select count(*)::int as n, max(version) as v from scheme');
    expect(after.rows).toEqual(before.rows);
  });
});

describe('isolation', () => {
  it('keeps applications and evidence files to those allowed', async () => {
    const view = await coordinator.get<ApplicationView>(`/api/applications/${appId}`);
    const file = view.body.evidence[0];
    const url = `/api/applications/${appId}/evidence/${file.id}`;
    const own = await fetch(`${stack.baseUrl}${url}`, { headers: { cookie: applicant.cookieHeader() } });
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('private, no-store');
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    expect(own.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(
      Buffer.from(await own.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const other = await stack.login('other-hospital', 'Second-clinic-2026');
    expect((await other.get(url)).status).toBe(403);
    expect((await other.get('/api/applications')).body).toEqual([]);
    const zz = await stack.login('zz-coord', 'Zhengzhou-2026');
    expect((await zz.get(url)).status).toBe(403);
    expect((await zz.get(`/api/applications/${appId}`)).status).toBe(403);
    expect((await zz.get(`/api/cycles/${cycle.id}/applications`)).status).toBe(403);
    expect((await stack.client().get(url)).status).toBe(401);
    // another organisation's application id in the evidence URL does not open this file
    const fakeApp = `/api/applications/${cycle.id}/evidence/${file.id}`;
    expect([403, 404]).toContain((await applicant.get(fakeApp)).status);
  });

  it('lets the coordinator of the cycle open its board, listing the application', async () => {
    // filters and lateness: libs/assessment/server/src/lib/board.inproc.spec.ts
    const board = await coordinator.get<{ items: { id: string }[]; total: number; page: number; pageSize: number }>(
      `/api/cycles/${cycle.id}/applications?late=false`,
    );
    expect(board.status).toBe(200);
    expect(board.body.items.map((a) => a.id)).toEqual([appId]);
    expect(board.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    expect((await coordinator.get(`/api/cycles/${cycle.id}/applications?state=nonsense`)).status).toBe(400);
  });
});
