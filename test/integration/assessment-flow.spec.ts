/**
 * The assessment workflow over HTTP with PostgreSQL: apply → fill → submit with missing evidence
 * (rejected with the list) → complete → submit → return for supplement → resubmit → accept →
 * consensus scores → derived level → publicity with an objection → resolve → publish; the audit log
 * holds every step. Plus isolation of applications and evidence files.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApplicationView, CycleView, SchemeSummary, SchemeView } from '@hutong/assessment-model';
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
  const out: { code: string; points: number; evidenceRequired: boolean }[] = [];
  const walk = (n: SchemeView['tree'][number]) => {
    if (n.children.length === 0) {
      if (n.minLevel && order.indexOf(n.minLevel) <= rank)
        out.push({ code: n.code, points: n.points, evidenceRequired: n.evidenceRequired });
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
    expect(cycle).toBeDefined();
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

    const answers = leaves.map((l) => ({
      itemCode: l.code,
      selfScore: l.points,
      statement: `已按标准建设：${l.code}`,
    }));
    const saved = await applicant.put<ApplicationView>(`/api/applications/${appId}/answers`, { answers });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ schemeKey: 'hospital-2020', schemeName: scheme.name, schemeVersion: 1 });
    // every changed answer is audited with before and after; an unchanged re-save writes nothing
    const answerAudit = () =>
      stack.db.query<{ before: unknown; after: { itemCode: string; statement: string } }>(
        "select before, after from audit_entry where action = 'application.answer' and entity_id = $1 order by id",
        [appId],
      );
    const first = await answerAudit();
    expect(first.rows).toHaveLength(leaves.length);
    expect(first.rows[0]).toMatchObject({ before: null, after: { itemCode: answers[0].itemCode } });
    expect((await applicant.put(`/api/applications/${appId}/answers`, { answers })).status).toBe(200);
    expect((await answerAudit()).rows).toHaveLength(leaves.length);
    const changed = { ...answers[0], statement: `${answers[0].statement}（修订）` };
    expect((await applicant.put(`/api/applications/${appId}/answers`, { answers: [changed] })).status).toBe(200);
    const second = await answerAudit();
    expect(second.rows).toHaveLength(leaves.length + 1);
    expect(second.rows[leaves.length]).toEqual({
      before: { itemCode: answers[0].itemCode, selfScore: answers[0].selfScore, statement: answers[0].statement },
      after: { itemCode: answers[0].itemCode, selfScore: answers[0].selfScore, statement: changed.statement },
    });
    const tooHigh = await applicant.put(`/api/applications/${appId}/answers`, {
      answers: [{ ...answers[0], selfScore: leaves[0].points + 1 }],
    });
    expect(tooHigh.status).toBe(400);

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
    expect(early.body.message).toBeTruthy();
  });

  it('returns for supplement with per-item reasons; the applicant fixes and resubmits; versions and diff', async () => {
    expect((await coordinator.post(`/api/applications/${appId}/transitions`, { action: 'start_check' })).status).toBe(
      200,
    );
    const noReason = await coordinator.post(`/api/applications/${appId}/transitions`, { action: 'return' });
    expect(noReason.status).toBe(409);
    const item = requiredLeaves(scheme.tree, 2)[0].code;
    const item2 = requiredLeaves(scheme.tree, 2)[1].code;
    const blank = await coordinator.post(`/api/applications/${appId}/transitions`, {
      action: 'return',
      returnReasons: [
        { itemCode: item, reason: '请补充' },
        { itemCode: item2, reason: '   ' },
      ],
      returnDeadline: '2099-12-31',
    });
    expect(blank.status).toBe(400);
    expect(blank.body.message).toBe(`退回原因不能为空：第2条（指标 ${item2}）`);
    expect((await coordinator.get<ApplicationView>(`/api/applications/${appId}`)).body.state).toBe(
      'completeness_check',
    );
    const returned = await coordinator.post<ApplicationView>(`/api/applications/${appId}/transitions`, {
      action: 'return',
      returnReasons: [{ itemCode: item, reason: '说明过于简单，请补充数据集清单' }],
      returnDeadline: '2099-12-31',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ state: 'returned', returnDeadline: '2099-12-31', dueDate: '2099-12-31' });

    const view = await applicant.get<ApplicationView>(`/api/applications/${appId}`);
    expect(view.body.returnReasons).toEqual([{ itemCode: item, reason: '说明过于简单，请补充数据集清单' }]);
    expect(view.body.actions.find((a) => a.action === 'resubmit')?.allowed).toBe(true);
    const fixed = await applicant.put(`/api/applications/${appId}/answers`, {
      answers: [{ itemCode: item, selfScore: 1, statement: '已补充：共 58 个数据子集，清单见附件' }],
    });
    expect(fixed.status).toBe(200);
    const resubmitted = await applicant.post<ApplicationView>(`/api/applications/${appId}/transitions`, {
      action: 'resubmit',
    });
    expect(resubmitted.body).toMatchObject({ state: 'submitted', version: 2, returnReasons: [], returnDeadline: null });

    const versions = await coordinator.get(`/api/applications/${appId}/versions`);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const diff = await coordinator.get(`/api/applications/${appId}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ itemCode: item, field: 'statement', after: '已补充：共 58 个数据子集，清单见附件' }),
        expect.objectContaining({ itemCode: item, field: 'selfScore', after: 1 }),
      ]),
    );
  });

  it('accepts, rates from consensus scores with an explanation, runs publicity with an objection, and publishes', async () => {
    for (const action of ['start_check', 'accept']) {
      expect((await coordinator.post(`/api/applications/${appId}/transitions`, { action })).status).toBe(200);
    }
    const onsite = await coordinator.post(`/api/applications/${appId}/transitions`, { action: 'to_onsite' });
    expect(onsite.status).toBe(409); // 三级 needs no on-site inspection
    expect((await coordinator.post(`/api/applications/${appId}/transitions`, { action: 'to_rating' })).status).toBe(
      200,
    );

    const leaves = requiredLeaves(scheme.tree, 2);
    expect((await coordinator.post(`/api/applications/${appId}/transitions`, { action: 'rate' })).status).toBe(409); // scores missing
    const bad = await coordinator.put(`/api/applications/${appId}/consensus-scores`, {
      scores: { [leaves[0].code]: leaves[0].points + 5 },
    });
    expect(bad.status).toBe(400);
    const scores = Object.fromEntries(leaves.map((l) => [l.code, l.points]));
    expect((await coordinator.put(`/api/applications/${appId}/consensus-scores`, { scores })).status).toBe(200);
    const rated = await coordinator.post<ApplicationView>(`/api/applications/${appId}/transitions`, { action: 'rate' });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ state: 'publicity', achievedLevel: '3' });
    expect(rated.body.resultExplanation?.join('')).toContain('三级');
    expect(rated.body.publicityEndsAt).toBeTruthy();

    // another hospital the cycle covers objects; it cannot see the application itself
    const other = await stack.login('other-hospital', 'Second-clinic-2026');
    expect((await other.get(`/api/applications/${appId}`)).status).toBe(403);
    const list = await other.get('/api/applications/publicity');
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      expect.objectContaining({ applicationId: appId, state: 'publicity', achievedLevel: '3', canObject: true }),
    ]);
    // the applicant cannot object to its own result (and so block publishing)
    const ownList = await applicant.get('/api/applications/publicity');
    expect(ownList.body).toEqual([expect.objectContaining({ applicationId: appId, canObject: false })]);
    const own = await applicant.post(`/api/applications/${appId}/objections`, { reason: '我们对自己的结果有异议' });
    expect(own.status).toBe(403);
    expect(own.body.message).toBe('不能对本单位的申请提出异议');
    const objected = await other.post(`/api/applications/${appId}/objections`, {
      reason: '该院数据上传长期中断，与自评不符',
    });
    expect(objected.status).toBe(200);
    const withObjection = await coordinator.get<ApplicationView>(`/api/applications/${appId}`);
    expect(withObjection.body.state).toBe('objection');
    const objection = withObjection.body.objections[0];
    expect(objection).toMatchObject({ reason: '该院数据上传长期中断，与自评不符', resolvedAt: null });
    // the coordinator sees who objected; the objected-to applicant sees the objection but not who filed it
    expect(objection.filedBy?.name).toBeTruthy();
    const seenByApplicant = (await applicant.get<ApplicationView>(`/api/applications/${appId}`)).body.objections;
    expect(seenByApplicant).toEqual([
      expect.objectContaining({ reason: '该院数据上传长期中断，与自评不符', filedBy: null, mine: false }),
    ]);
    expect(JSON.stringify(seenByApplicant)).not.toContain(objection.filedBy?.name ?? '-');
    const resolved = await coordinator.post<ApplicationView>(`/api/applications/${appId}/transitions`, {
      action: 'resolve_objection',
      objectionId: objection.id,
      upheld: false,
      note: '经核查，上传中断已于测评前恢复',
    });
    expect(resolved.body.state).toBe('publicity');
    // the objector sees the handling of its own objection on the 结果公示 list
    const outcome = await other.get('/api/applications/publicity');
    expect(outcome.body[0].myObjections).toEqual([
      expect.objectContaining({
        reason: '该院数据上传长期中断，与自评不符',
        upheld: false,
        resolution: '经核查，上传中断已于测评前恢复',
      }),
    ]);
    expect((await applicant.get('/api/applications/publicity')).body[0].myObjections).toEqual([]);

    expect((await coordinator.post(`/api/applications/${appId}/transitions`, { action: 'publish' })).status).toBe(409); // publicity not over
    await stack.db.query("update application set publicity_ends_at = now() - interval '1 minute' where id = $1", [
      appId,
    ]); // seven days pass
    const published = await coordinator.post<ApplicationView>(`/api/applications/${appId}/transitions`, {
      action: 'publish',
    });
    expect(published.body).toMatchObject({ state: 'published', achievedLevel: '3' });
    const after = await other.get('/api/applications/publicity');
    expect(after.body).toEqual([
      expect.objectContaining({ applicationId: appId, state: 'published', canObject: false }),
    ]);
    const zz = await stack.login('zz-coord', 'Zhengzhou-2026');
    expect((await zz.get('/api/applications/publicity')).body).toEqual([]); // a cycle of 信阳 does not cover 郑州
  });

  it('exports the results list and the assessment report', async () => {
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

  it('has an audit entry for every step', async () => {
    const { rows } = await stack.db.query<{ action: string }>(
      "select action from audit_entry where entity_type = 'application' and entity_id = $1 order by id",
      [appId],
    );
    const actions = rows.map((r) => r.action);
    for (const a of [
      'application.create',
      'evidence.add',
      'application.submit',
      'application.start_check',
      'application.return',
      'application.resubmit',
      'application.accept',
      'application.to_rating',
      'application.consensus_scores',
      'application.rate',
      'application.file_objection',
      'application.resolve_objection',
      'application.publish',
    ])
      expect(actions).toContain(a);
    const events = await coordinator.get<ApplicationView>(`/api/applications/${appId}`);
    expect(events.body.history.map((h) => h.to)).toEqual([
      'draft',
      'submitted',
      'completeness_check',
      'returned',
      'submitted',
      'completeness_check',
      'document_review',
      'rating',
      'publicity',
      'objection',
      'publicity',
      'published',
    ]);
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

  it('writes a new version when the edited scheme is in use, leaving the used one unchanged', async () => {
    const edited = structuredClone(scheme.tree);
    edited[0].children[0].children[0].title = '电子病历基本数据集（修订）';
    const res = await admin.put<SchemeView>(`/api/schemes/${scheme.id}`, {
      tree: edited,
      levelRules: scheme.levelRules,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ key: 'hospital-2020', version: 2 });
    expect(res.body.id).not.toBe(scheme.id);
    const old = await admin.get<SchemeView>(`/api/schemes/${scheme.id}`);
    expect(old.body.tree[0].children[0].children[0].title).toBe(scheme.tree[0].children[0].children[0].title);
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

  it('lets a coordinator see the application on its cycle board, late ones flagged', async () => {
    const board = await coordinator.get(`/api/cycles/${cycle.id}/applications`);
    expect(board.status).toBe(200);
    expect(board.body.items.map((a: { id: string }) => a.id)).toContain(appId);
    expect(board.body).toMatchObject({ total: board.body.items.length, page: 1, pageSize: 50 });
    const cycles = await coordinator.get<CycleView[]>('/api/cycles');
    expect(cycles.body.find((c) => c.id === cycle.id)?.counts).toEqual({ published: 1 });
    expect((await coordinator.get<CycleView>(`/api/cycles/${cycle.id}`)).body.counts).toEqual({ published: 1 });
    const late = await coordinator.get(`/api/cycles/${cycle.id}/applications?late=true`);
    // the only application is published: it has no due date, so it is not late
    expect(late.body).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
  });
});

describe('cycles', () => {
  let jurisdictionId: string;
  const windows = (from: string) => {
    const y = Number(from);
    return [
      { key: 'application', start: `${y}-01-01`, end: `${y}-03-31` },
      { key: 'documentReview', start: `${y}-04-01`, end: `${y}-05-31` },
      { key: 'onsite', start: `${y}-06-01`, end: `${y}-07-31` },
      { key: 'results', start: `${y}-08-01`, end: `${y}-09-30` },
    ];
  };

  it('refuses a duplicate cycle (same jurisdiction, year and batch) with 409 and a clear message', async () => {
    jurisdictionId = (await coordinator.get('/api/auth/me')).body.jurisdiction.id;
    expect(jurisdictionId).toBe(cycle.jurisdiction.id);
    const dup = await coordinator.post('/api/cycles', {
      name: '重复的批次',
      year: cycle.year,
      batch: cycle.batch,
      jurisdictionId,
      schemeIds: [scheme.id],
      eligibleKinds: ['hospital'],
      windows: windows('2026'),
    });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toBe(`该管辖范围已有${cycle.year}年度第${cycle.batch}批测评批次，不能重复创建`);
    const { rows } = await stack.db.query(
      "select indexname from pg_indexes where tablename = 'cycle' and indexname = 'cycle_jurisdiction_id_year_batch_unique'",
    );
    expect(rows).toHaveLength(1);
  });

  it('edits a cycle (windows checked by the one order rule), closes and archives it, each audited', async () => {
    const created = await coordinator.post<CycleView>('/api/cycles', {
      name: '2030年度第一批',
      year: 2030,
      batch: 1,
      jurisdictionId,
      schemeIds: [scheme.id],
      eligibleKinds: ['hospital'],
      windows: windows('2030'),
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('open');
    const id = created.body.id;
    const overlapping = windows('2030');
    overlapping[1].start = '2030-03-31'; // the day the application window ends
    const bad = await coordinator.patch(`/api/cycles/${id}`, { windows: overlapping });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('“文件审查”须在“自评估申报”结束后开始');
    const edited = await coordinator.patch<CycleView>(`/api/cycles/${id}`, {
      name: '2030年度第一批（调整）',
      windows: windows('2030').map((w) => (w.key === 'results' ? { ...w, end: '2030-10-31' } : w)),
    });
    expect(edited.status).toBe(200);
    expect(edited.body.name).toBe('2030年度第一批（调整）');
    expect(edited.body.windows.find((w) => w.key === 'results')?.end).toBe('2030-10-31');
    expect((await applicant.patch(`/api/cycles/${id}`, { name: 'x' })).status).toBe(403);

    expect((await coordinator.post(`/api/cycles/${id}/archive`, {})).status).toBe(409); // close first
    const closed = await coordinator.post<CycleView>(`/api/cycles/${id}/close`, {});
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const me = (await applicant.get('/api/auth/me')).body;
    const late = await applicant.post('/api/applications', {
      cycleId: id,
      organisationId: me.organisation.id,
      schemeId: scheme.id,
      targetLevel: '3',
    });
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('本批次已关闭，不再接受申请');
    expect((await coordinator.post(`/api/cycles/${id}/archive`, {})).status).toBe(200);
    expect((await coordinator.get<CycleView[]>('/api/cycles')).body.map((c) => c.id)).not.toContain(id);
    const all = await coordinator.get<CycleView[]>('/api/cycles?archived=true');
    expect(all.body.find((c) => c.id === id)?.status).toBe('archived');

    const { rows } = await stack.db.query<{ action: string }>(
      "select action from audit_entry where entity_type = 'cycle' and entity_id = $1 order by id",
      [id],
    );
    expect(rows.map((r) => r.action)).toEqual(['cycle.create', 'cycle.update', 'cycle.close', 'cycle.archive']);
  });
});

describe('withdrawal and a missed target level', () => {
  let otherApp: string;

  it('a withdrawn application does not lock the hospital out: the coordinator re-opens it (audited)', async () => {
    const other = await stack.login('other-hospital', 'Second-clinic-2026');
    const me = (await other.get('/api/auth/me')).body;
    const body = { cycleId: cycle.id, organisationId: me.organisation.id, schemeId: scheme.id, targetLevel: '4B' };
    const created = await other.post<ApplicationView>('/api/applications', body);
    expect(created.status).toBe(201);
    otherApp = created.body.id;
    const withdrawn = await other.post<ApplicationView>(`/api/applications/${otherApp}/transitions`, {
      action: 'withdraw',
    });
    expect(withdrawn.body.state).toBe('withdrawn');
    const again = await other.post('/api/applications', body);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('重新开放');
    const seen = await coordinator.get<ApplicationView>(`/api/applications/${otherApp}`);
    expect(seen.body.actions).toEqual([{ action: 'reopen', allowed: true, reason: null }]);
    expect((await other.post(`/api/applications/${otherApp}/transitions`, { action: 'reopen' })).status).toBe(403);
    const reopened = await coordinator.post<ApplicationView>(`/api/applications/${otherApp}/transitions`, {
      action: 'reopen',
      note: '医院申请恢复',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.state).toBe('draft');
    const { rows } = await stack.db.query<{ after: { state: string } }>(
      "select after from audit_entry where action = 'application.reopen' and entity_id = $1",
      [otherApp],
    );
    expect(rows.map((r) => r.after.state)).toEqual(['draft']);
  });

  it('a missed target level is the coordinator’s explicit decision: award the lower level or not passed', async () => {
    await stack.db.query("update application set state = 'rating' where id = $1", [otherApp]);
    const upTo3 = new Set(requiredLeaves(scheme.tree, 2).map((l) => l.code));
    // full points up to 三级, nothing for the 四级乙等 items: only 三级 is reached
    const scores = Object.fromEntries(
      requiredLeaves(scheme.tree, 3).map((l) => [l.code, upTo3.has(l.code) ? l.points : 0]),
    );
    expect((await coordinator.put(`/api/applications/${otherApp}/consensus-scores`, { scores })).status).toBe(200);
    const undecided = await coordinator.post(`/api/applications/${otherApp}/transitions`, { action: 'rate' });
    expect(undecided.status).toBe(409);
    expect(undecided.body.message).toBe('未达到申报等级：请决定授予较低等级或评定为未通过');

    // the scheme may forbid a lower level
    await stack.db.query('update scheme set allow_lower_level = false where id = $1', [scheme.id]);
    const forbidden = await coordinator.post(`/api/applications/${otherApp}/transitions`, {
      action: 'rate',
      lowerLevelDecision: 'award_lower',
    });
    expect(forbidden.status).toBe(409);
    expect(forbidden.body.message).toBe('该指标体系不允许授予低于申报等级的等级');
    await stack.db.query('update scheme set allow_lower_level = true where id = $1', [scheme.id]);

    const awarded = await coordinator.post<ApplicationView>(`/api/applications/${otherApp}/transitions`, {
      action: 'rate',
      lowerLevelDecision: 'award_lower',
    });
    expect(awarded.status).toBe(200);
    expect(awarded.body).toMatchObject({ state: 'publicity', targetLevel: '4B', achievedLevel: '3' });
    expect(awarded.body.resultExplanation?.at(-1)).toBe('评定决定：授予较低等级');

    // the other decision: not passed, no level awarded
    await stack.db.query("update application set state = 'rating', publicity_ends_at = null where id = $1", [otherApp]);
    const failed = await coordinator.post<ApplicationView>(`/api/applications/${otherApp}/transitions`, {
      action: 'rate',
      lowerLevelDecision: 'not_passed',
    });
    expect(failed.body).toMatchObject({ state: 'not_passed', achievedLevel: null });
  });
});

describe('deleting an organisation that an application references', () => {
  it('answers 409 organisation.in_use with a Chinese message and deletes nothing', async () => {
    const other = await stack.login('other-hospital', 'Second-clinic-2026');
    const me = (await other.get('/api/auth/me')).body;
    const orgIdUsed: string = me.organisation.id;
    // the hospital's application in this cycle (made by an earlier test, or now)
    const existing = await stack.db.query('select 1 from application where organisation_id = $1', [orgIdUsed]);
    if (existing.rowCount === 0) {
      const applied = await other.post<ApplicationView>('/api/applications', {
        cycleId: cycle.id,
        organisationId: orgIdUsed,
        schemeId: scheme.id,
        targetLevel: '3',
      });
      expect(applied.status).toBe(201);
    }
    expect((await stack.db.query('select 1 from application where organisation_id = $1', [orgIdUsed])).rowCount).toBe(
      1,
    );
    // move the contact elsewhere, so that only the application still points at the organisation
    const { rows } = await stack.db.query<{ id: string }>("select id from app_user where username = 'other-hospital'");
    const moved = await admin.patch(`/api/users/${rows[0].id}`, {
      organisationId: (await applicant.get('/api/auth/me')).body.organisation.id,
    });
    expect(moved.status).toBe(200);

    const res = await admin.del(`/api/organisations/${orgIdUsed}`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'organisation.in_use' });
    expect(res.body.message).toMatch(/测评申请/);
    const still = await stack.db.query('select 1 from organisation where id = $1', [orgIdUsed]);
    expect(still.rowCount).toBe(1);
  });
});
