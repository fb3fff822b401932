#!/usr/bin/env node
// Bulk-issue benchmark against a running Hutong (bash scripts/run.sh), issue 7's first goal:
//   node test/bench/task-issue.mjs [--base http://127.0.0.1:3000] [--orgs 10000] [--database postgres://…/hutong]
// Imports `orgs` hospitals under a fresh county-level parent (not timed), then times one bulk issue to all of them:
// from the POST /api/task-batches request to the batch reported done, and checks in the database that every task is
// stored with its first reminder planned (next_reminder_at). The baseline, in the same run: the same tasks inserted
// one INSERT per task in one transaction with pg into a scratch copy of the task table.
import pg from 'pg';
import { generateOrgRows, toCsv } from './gen-orgs.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const base = args.base ?? 'http://127.0.0.1:3000';
const orgs = Number(args.orgs ?? 10000);
const database = args.database ?? 'postgres://postgres@127.0.0.1:5432/hutong';
const prefix = `T${Date.now().toString(36).toUpperCase()}`;

async function login(username) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: args.password ?? 'Hutong-demo-2026' }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
const get = async (cookie, path) => (await fetch(`${base}${path}`, { headers: { cookie } })).json();

const db = new pg.Client({ connectionString: database });
await db.connect();
const cookie = await login(args.user ?? 'coordinator');

// the recipients: `orgs` hospitals under 浉河区 with this run's code prefix (imported, not timed)
const form = new FormData();
form.append('file', new Blob([toCsv(generateOrgRows(orgs, { prefix }))], { type: 'text/csv' }), 'bench.csv');
const up = await fetch(`${base}/api/organisations/imports`, { method: 'POST', headers: { cookie }, body: form });
let imp = await up.json();
if (up.status !== 202) throw new Error(`import: ${up.status} ${JSON.stringify(imp).slice(0, 300)}`);
while (imp.status !== 'succeeded' && imp.status !== 'failed') {
  await new Promise((r) => setTimeout(r, 200));
  imp = await get(cookie, `/api/organisations/imports/${imp.id}`);
}
if (imp.status !== 'succeeded') throw new Error(`import failed: ${imp.error}`);
const { rows: ids } = await db.query('select id, path from organisation where code like $1', [`${prefix}%`]);
if (ids.length !== orgs) throw new Error(`expected ${orgs} organisations, found ${ids.length}`);

const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
const body = {
  title: '压测：报送未接入原因',
  instructions: '请报送未接入原因、下一步工作计划及完成时间',
  dueDate: due,
  form: [{ key: 'reason', label: '未接入原因', type: 'text', required: true }],
  filter: { organisationIds: ids.map((r) => r.id) },
};
const t0 = performance.now();
const res = await fetch(`${base}/api/task-batches`, {
  method: 'POST',
  headers: { cookie, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
let batch = await res.json();
if (res.status !== 201 && res.status !== 202)
  throw new Error(`batch: ${res.status} ${JSON.stringify(batch).slice(0, 300)}`);
const tAccepted = performance.now();
let progressSamples = 0;
while (batch.status !== 'done' && batch.status !== 'failed') {
  await new Promise((r) => setTimeout(r, 25));
  batch = await get(cookie, `/api/task-batches/${batch.id}`);
  if (batch.created > 0 && batch.created < batch.total) progressSamples++;
}
const tDone = performance.now();
if (batch.status !== 'done') throw new Error(`batch failed: ${batch.error}`);
const { rows: stored } = await db.query(
  'select count(*)::int as n, count(next_reminder_at)::int as planned from task where batch_id = $1',
  [batch.id],
);

// baseline: one INSERT per task in one transaction into a scratch copy of the task table
await db.query('create temp table bench_task (like task including all)');
const tb0 = performance.now();
await db.query('begin');
for (const o of ids) {
  await db.query(
    `insert into bench_task (id, kind, title, instructions, form, assignee_org_id, assignee_path, status, due_at, policy,
       next_reminder_at, next_reminder_key, created_at, updated_at)
     values ($1, 'manual', $2, $3, $4, $5, $6, 'open', $7, '{}', $7, 'before-7', now(), now())`,
    [crypto.randomUUID(), body.title, body.instructions, JSON.stringify(body.form), o.id, o.path, new Date(due)],
  );
}
await db.query('commit');
const tb1 = performance.now();
await db.end();

const s = (ms) => (ms / 1000).toFixed(2);
console.log(
  JSON.stringify(
    {
      organisations: orgs,
      requestSeconds: s(tAccepted - t0),
      requestToAllStoredSeconds: s(tDone - t0),
      tasksStored: stored[0].n,
      remindersPlanned: stored[0].planned,
      progressSamplesSeen: progressSamples,
      baselineOneInsertPerTaskSeconds: s(tb1 - tb0),
      baselineOverOurs: ((tb1 - tb0) / (tDone - t0)).toFixed(1),
    },
    null,
    2,
  ),
);
