#!/usr/bin/env node
// Organisation import benchmark against a running Hutong (bash scripts/run.sh):
//   node test/bench/org-import.mjs [--base http://127.0.0.1:3000] [--rows 30000] [--database postgres://…/hutong]
// Measures, in one run: upload + validation of every row (until the 202), the worker's write (until
// the import succeeded), and — as the baseline — the same rows inserted one INSERT per row in one
// transaction with pg into a scratch copy of the organisation table (what a hand-written loop does).
import pg from 'pg';
import { generateOrgRows, toCsv } from './gen-orgs.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const base = args.base ?? 'http://127.0.0.1:3000';
const rows = Number(args.rows ?? 30000);
const database = args.database ?? 'postgres://postgres@127.0.0.1:5432/hutong';
const prefix = `B${Date.now().toString(36).toUpperCase()}`;

async function login() {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: args.user ?? 'coordinator', password: args.password ?? 'Hutong-demo-2026' }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

const cookie = await login();
const data = generateOrgRows(rows, { prefix });
const csv = toCsv(data);

const t0 = performance.now();
const form = new FormData();
form.append('file', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
const up = await fetch(`${base}/api/organisations/imports`, { method: 'POST', headers: { cookie }, body: form });
const job = await up.json();
if (up.status !== 202) throw new Error(`upload: ${up.status} ${JSON.stringify(job).slice(0, 300)}`);
const tAccepted = performance.now();
let view = job;
let progressSamples = 0;
while (view.status !== 'succeeded' && view.status !== 'failed') {
  await new Promise((r) => setTimeout(r, 50));
  view = await (await fetch(`${base}/api/organisations/imports/${job.id}`, { headers: { cookie } })).json();
  if (view.processedRows > 0 && view.processedRows < view.totalRows) progressSamples++;
}
const tDone = performance.now();
if (view.status !== 'succeeded') throw new Error(`import failed: ${view.error}`);

// baseline: one INSERT per row, one transaction, into a scratch table shaped like organisation
const client = new pg.Client({ connectionString: database });
await client.connect();
await client.query('create temp table bench_org (like organisation including all)');
const { rows: parents } = await client.query("select id, path from organisation where code = '411502'");
const tb0 = performance.now();
await client.query('begin');
for (const r of data) {
  const id = crypto.randomUUID();
  await client.query(
    `insert into bench_org (id, code, name, level, kind, grade, region_code, parent_id, path, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), now())`,
    [id, r[0], r[1], r[2], r[3], r[6], r[5], parents[0].id, `${parents[0].path}${id}/`],
  );
}
await client.query('commit');
const tb1 = performance.now();
await client.end();

const s = (ms) => (ms / 1000).toFixed(2);
console.log(
  JSON.stringify(
    {
      rows,
      uploadAndValidateSeconds: s(tAccepted - t0),
      workerWriteSeconds: s(tDone - tAccepted),
      totalSeconds: s(tDone - t0),
      rowsPerSecond: Math.round(rows / ((tDone - t0) / 1000)),
      progressSamplesSeen: progressSamples,
      created: view.created,
      baselinePerRowInsertSeconds: s(tb1 - tb0),
      baselineOverOursWrite: ((tb1 - tb0) / (tDone - tAccepted)).toFixed(1),
    },
    null,
    2,
  ),
);
