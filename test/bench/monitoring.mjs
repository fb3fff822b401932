#!/usr/bin/env node
// Monitoring benchmark on a scratch database (built api in dist/apps/api, PostgreSQL and Redis running):
//   node test/bench/monitoring.mjs [--institutions 30000] [--days 92] [--server postgres://postgres@127.0.0.1:5432/postgres]
//                                  [--port 3917] [--redis redis://127.0.0.1:6379/0] [--keep]
// A generated province (13 cities, N hospitals, the example-51 requirement) and the last full quarter before today
// (Asia/Shanghai). Measures, in one run:
//   1. ingestion: the quarter's last day for every institution × 51 tables through POST /api/monitoring/ingest/statistics
//      (batches of 5,000 items, sequential; then the same day re-sent with new figures, 2 batches at a time), against a
//      raw COPY of the same table-day rows from a CSV file into a plain (logged, index-free) table;
//   2. metrics: GET /api/monitoring/overview for the province over the quarter (5 calls, the first a warm-up), against
//      the plain GROUP BY per institution over a raw (institution, table, day, records) table of the same quarter,
//      with the tiers and the rollup per city.
// The other days of the quarter are written straight in SQL (mon_day, then mon_month computed from mon_day).
// The scratch database is dropped at the end (--keep leaves it).
import pg from 'pg';
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1] ?? '']] : acc), []),
);
const N = Number(args.institutions ?? 30000);
const DAYS = Number(args.days ?? 92);
const server = args.server ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const port = Number(args.port ?? 3917);
const base = `http://127.0.0.1:${port}`;
const DBNAME = 'hutong_bench_mon';
const CSV = `/tmp/${DBNAME}_day.csv`;
const CITIES = 13;
const BATCH = 5000;

const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const t = () => performance.now();
const sec = (ms) => (ms / 1000).toFixed(2);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

// ---- the period: the last full quarter before today (Shanghai), its last DAYS days ---------------------------------
const shanghaiToday = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const [ty, tm] = shanghaiToday.split('-').map(Number);
const qStartMonth = Math.floor((tm - 1) / 3) * 3; // 0-based month of this quarter's start
const qEnd = new Date(Date.UTC(ty, qStartMonth, 0)); // the day before this quarter
const lastDay = qEnd.toISOString().slice(0, 10);
const firstDay = new Date(qEnd.getTime() - (DAYS - 1) * 86400_000).toISOString().slice(0, 10);
const beforeLast = new Date(qEnd.getTime() - 86400_000).toISOString().slice(0, 10);
const monthsOf = (from, to) => {
  const out = [];
  for (
    let d = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
    d.toISOString().slice(0, 10) <= to;
    d.setUTCMonth(d.getUTCMonth() + 1)
  )
    out.push(d.toISOString().slice(0, 10));
  return out;
};
const nextMonth = (m) => {
  const d = new Date(`${m}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};

// ---- the example-51 tables (T/SHIA rows not optional in the example) ------------------------------------------------
const tshia = readFileSync(new URL('../../libs/monitoring/model/src/lib/tshia-6.2-2020.ts', import.meta.url), 'utf8');
const rows51 = [...tshia.matchAll(/\['[^']*', '([A-Z0-9_]+)', '[^']*', (true|false)\]/g)]
  .filter((m) => m[2] === 'false')
  .map((m) => m[1]);
if (rows51.length !== 51) throw new Error(`expected 51 example tables, read ${rows51.length}`);

let api;
let pool;
let dbUrl;
const results = [];
const note = (what, value, detail = '') => {
  results.push({ what, value, detail });
  log(`${what}: ${value} ${detail}`);
};

async function cleanup() {
  if (api && api.exitCode === null) {
    api.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    if (api.exitCode === null) api.kill('SIGKILL');
  }
  if (pool) await pool.end().catch(() => {});
  pool = undefined;
  rmSync(CSV, { force: true });
  if (!('keep' in args)) {
    try {
      execFileSync('node', ['scripts/db.mjs', 'drop', server, DBNAME], { stdio: 'inherit' });
      log('scratch database dropped');
    } catch (e) {
      log('drop failed', e.message);
    }
  }
}
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    cleanup().finally(() => process.exit(130));
  });

const cli = (cmd) =>
  execFileSync('node', ['dist/apps/api/cli.js', cmd], {
    env: { ...process.env, DATABASE_URL: dbUrl },
    stdio: ['ignore', 'ignore', 'inherit'],
  });

async function main() {
  log(`institutions ${N}, days ${DAYS} (${firstDay} … ${lastDay}), today ${shanghaiToday} (Shanghai)`);
  // a. scratch database
  dbUrl = execFileSync('node', ['scripts/db.mjs', 'recreate', server, DBNAME]).toString().trim();
  for (const c of ['migrate', 'seed', 'schemes:official']) cli(c);
  pool = new pg.Pool({ connectionString: dbUrl, max: 4 });
  const q = (sql, params) => pool.query(sql, params);

  // b. the province: 13 cities, N hospitals
  const tOrg = t();
  const prov = crypto.randomUUID();
  const provPath = `/${prov}/`;
  await q(
    `insert into organisation (id, code, name, level, kind, grade, region_code, parent_id, path, created_at, updated_at)
     values ($1, 'BENCHP', '基准省', 'province', 'region', null, '990000', null, $2, now(), now())`,
    [prov, provPath],
  );
  const cities = Array.from({ length: CITIES }, (_, i) => ({ id: crypto.randomUUID(), n: i + 1 }));
  for (const c of cities)
    await q(
      `insert into organisation (id, code, name, level, kind, grade, region_code, parent_id, path, created_at, updated_at)
       values ($1, $2, $3, 'city', 'region', null, $4, $5, $6, now(), now())`,
      [
        c.id,
        `BENCHC${String(c.n).padStart(2, '0')}`,
        `基准市${c.n}`,
        `99${String(c.n).padStart(2, '0')}00`,
        prov,
        `${provPath}${c.id}/`,
      ],
    );
  const hosp = Array.from({ length: N }, (_, i) => ({
    id: crypto.randomUUID(),
    code: `BH${String(i + 1).padStart(6, '0')}`,
    city: cities[i % CITIES],
  }));
  await q(
    `insert into organisation (id, code, name, level, kind, grade, region_code, parent_id, path, created_at, updated_at)
     select x.id, x.code, '基准医院' || x.code, 'institution', 'hospital', case when x.n % 10 = 0 then '3A' end,
            x.rc, x.parent, x.path, now(), now()
       from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::int[]) as x(id, code, parent, path, rc, n)`,
    [
      hosp.map((h) => h.id),
      hosp.map((h) => h.code),
      hosp.map((h) => h.city.id),
      hosp.map((h) => `${provPath}${h.city.id}/${h.id}/`),
      hosp.map((h) => `99${String(h.city.n).padStart(2, '0')}00`),
      hosp.map((_, i) => i + 1),
    ],
  );
  await q(
    `insert into mon_requirement (organisation_id, catalogue_key, set_by_id, set_at) values ($1, 'example-51', null, now())`,
    [prov],
  );
  // the institutions' integer keys, in code order (what the first ingestion would make)
  await q(
    `insert into mon_unit (organisation_id) select id from organisation where kind = 'hospital' and path like $1 order by code`,
    [`${provPath}%`],
  );
  const unitOf = new Map(
    (await q(`select u.id, o.code from mon_unit u join organisation o on o.id = u.organisation_id`)).rows.map((r) => [
      r.code,
      r.id,
    ]),
  );
  const dict = new Map((await q(`select id, code from mon_table_code`)).rows.map((r) => [r.code, r.id]));
  const req = rows51.map((c) => {
    if (!dict.has(c)) throw new Error(`table ${c} not in mon_table_code`);
    return dict.get(c);
  });
  const maxId = Math.max(...dict.values());
  const visitsId = dict.get('TB_MZ_JZMXB');
  const dischargesId = dict.get('TB_ZY_CYDJMXB');
  note('setup: organisations', `${sec(t() - tOrg)} s`, `1 province, ${CITIES} cities, ${N} hospitals`);

  // e. the quarter but its last day, straight in SQL (one statement per month, 2 at a time)
  const months = monthsOf(firstDay, lastDay);
  for (const m of months)
    await q(
      `create table if not exists mon_day_${m.slice(0, 7).replace('-', '_')} partition of mon_day for values from ('${m}') to ('${nextMonth(m)}')`,
    );
  // figures: units ≡ 1 (mod 20) send 25 of the 51 tables (tier 2), ≡ 2 send 12 (tier 3), ≡ 3 miss every 6th table,
  // ≡ 4 (mod 50) send nothing before the measured day, ≡ 5 (mod 10) skip every 7th day
  const value = `case when p is null then 0
      when u.id % 20 = 1 and p > 25 then 0
      when u.id % 20 = 2 and p > 12 then 0
      when u.id % 20 = 3 and (p + u.id) % 6 = 0 then 0
      else 1 + ((u.id * 7919 + i * 104729 + (d.day - date '${firstDay}') * 31337) % 400) end`;
  const byMonth = (fn) => {
    const queue = [...months];
    const worker = async () => {
      for (let m = queue.shift(); m; m = queue.shift()) await fn(m);
    };
    return Promise.all([worker(), worker()]);
  };
  const tFill = t();
  await byMonth(async (m) => {
    const from = m < firstDay ? firstDay : m;
    const end = nextMonth(m) > lastDay ? lastDay : nextMonth(m); // exclusive: the last day comes through the api
    const c = await pool.connect();
    try {
      await c.query(`set work_mem = '256MB'`);
      await c.query(
        `insert into mon_day (unit_id, day, mask, total, counts, lag0, lag1, lag2, lag3, as_of, batch_id)
         select u.id, d.day, x.mask, x.total, x.counts, x.total, 0, 0, 0, d.day + interval '1 day', null
           from mon_unit u cross join (select g::date as day from generate_series($1::date, $2::date - 1, '1 day') g) d
           cross join lateral (
             select array_agg(v order by i) as counts, sum(v)::bigint as total,
                    rpad(string_agg(case when v > 0 then '1' else '0' end, '' order by i), 256, '0')::bit(256) as mask
               from (select i, ${value} as v
                       from generate_series(1, $3::int) i, lateral (select array_position($4::int[], i) as p) pp) s
           ) x
          where u.id % 50 <> 4 and not (u.id % 10 = 5 and (d.day - date '${firstDay}' + u.id) % 7 = 0)`,
        [from, end, maxId, req],
      );
    } finally {
      c.release();
    }
  });
  const dayRows = Number((await q(`select count(*) from mon_day`)).rows[0].count);
  note('setup: mon_day in SQL', `${sec(t() - tFill)} s`, `${dayRows} institution-days (${DAYS - 1} days)`);

  const tMonth = t();
  await byMonth(async (m) => {
    const c = await pool.connect();
    try {
      await c.query(`set work_mem = '1GB'`);
      await c.query(
        `insert into mon_month (unit_id, month, mask, counts, table_days, total, upload_days, last_day, lag0, lag1, lag2, lag3)
         with e as (
           select d.unit_id, x.i, sum(x.c)::bigint as s, count(*) filter (where x.c > 0)::int as td
             from mon_day d, unnest(d.counts) with ordinality as x(c, i)
            where d.day >= $1::date and d.day < $2::date group by 1, 2),
         a as (
           select unit_id, array_agg(s order by i) as counts, array_agg(td order by i) as table_days,
                  rpad(string_agg(case when td > 0 then '1' else '0' end, '' order by i), 256, '0')::bit(256) as mask
             from e group by 1),
         s as (
           select unit_id, sum(total)::bigint as total, count(*) filter (where total > 0)::int as ud,
                  max(day) filter (where total > 0) as ld, sum(lag0)::bigint as l0, sum(lag1)::bigint as l1,
                  sum(lag2)::bigint as l2, sum(lag3)::bigint as l3
             from mon_day where day >= $1::date and day < $2::date group by 1)
         select a.unit_id, $1::date, a.mask, a.counts, a.table_days, s.total, s.ud, s.ld, s.l0, s.l1, s.l2, s.l3
           from a join s using (unit_id)`,
        [m, nextMonth(m)],
      );
    } finally {
      c.release();
    }
  });
  note('setup: mon_month from mon_day', `${sec(t() - tMonth)} s`, '(one-time, not a measure)');

  // the raw baseline table of the same quarter (the last day is added from the COPY below)
  const tRaw = t();
  await q(
    `create unlogged table bench_raw_q (unit_id int not null, table_id smallint not null, day date not null, records int not null)`,
  );
  await byMonth(async (m) => {
    await q(
      `insert into bench_raw_q select d.unit_id, x.i::smallint, d.day, x.c
         from mon_day d, unnest(d.counts) with ordinality as x(c, i)
        where d.day >= $1::date and d.day < $2::date and x.i = any($3::int[])`,
      [m, nextMonth(m), req],
    );
  });
  note('setup: bench_raw_q in SQL', `${sec(t() - tRaw)} s`, '(unlogged, no index)');

  // c. the api
  api = spawn('node', ['dist/apps/api/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      REDIS_URL: args.redis ?? 'redis://127.0.0.1:6379/0',
      PORT: String(port),
      HOST: '127.0.0.1',
      WEB_DIST: '',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      COOKIE_SECURE: 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; ; i++) {
    if (api.exitCode !== null) throw new Error(`api exited ${api.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 120) throw new Error('api not healthy after 60 s');
    await new Promise((r) => setTimeout(r, 500));
  }

  // d. ingestion of the last day through the api
  const prefix = randomBytes(4).toString('hex');
  const key = `hk_${prefix}_${randomBytes(32).toString('base64url')}`;
  await q(
    `insert into mon_api_key (id, name, prefix, secret_hash, organisation_id, scopes, created_by_id, created_by_name, created_at)
     values (gen_random_uuid(), 'bench', $1, $2, $3, '["statistics"]', gen_random_uuid(), 'bench', now())`,
    [prefix, createHash('sha256').update(key).digest('hex'), prov],
  );
  // every item names the 51 tables; the institutions of the patterns above send 0 for the tables they lack
  const sends = (u, pos) =>
    u % 50 !== 4 &&
    !(u % 20 === 1 && pos > 25) &&
    !(u % 20 === 2 && pos > 12) &&
    !(u % 20 === 3 && (pos + u) % 6 === 0);
  const itemsOf = (salt) =>
    hosp.map((h, i) => {
      const u = unitOf.get(h.code);
      return {
        org: h.code,
        date: lastDay,
        tables: Object.fromEntries(
          rows51.map((c, j) => [c, sends(u, j + 1) ? 1 + ((i * 7919 + j * 104729 + salt) % 400) : 0]),
        ),
      };
    });
  const bodiesOf = (items) => {
    const out = [];
    for (let i = 0; i < items.length; i += BATCH) out.push(JSON.stringify({ items: items.slice(i, i + BATCH) }));
    return out;
  };
  const post = async (body) => {
    const res = await fetch(`${base}/api/monitoring/ingest/statistics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body,
    });
    const j = await res.json();
    if (res.status !== 200) throw new Error(`ingest ${res.status}: ${JSON.stringify(j).slice(0, 500)}`);
    return j;
  };
  const send = async (bodies, concurrency, expect = N) => {
    const queue = [...bodies];
    const answers = [];
    const t0 = t();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let b = queue.shift(); b; b = queue.shift()) answers.push(await post(b));
      }),
    );
    const ms = t() - t0;
    const written = answers.reduce((n, a) => n + a.written, 0);
    const items = answers.reduce((n, a) => n + a.items, 0);
    if (items !== N || written !== expect)
      throw new Error(`ingest answered items ${items}, written ${written}, expected ${expect}`);
    return ms;
  };
  const first = itemsOf(0);
  const bodies1 = bodiesOf(first);
  const mb = bodies1.reduce((n, b) => n + b.length, 0) / 1048576;
  const ingestMs = await send(bodies1, 1);
  const tableDays = N * rows51.length;
  note(
    'ingest: one day via api, sequential',
    `${sec(ingestMs)} s`,
    `${N} items × 51 = ${tableDays} table-days, ${bodies1.length} batches of ${BATCH}, ${mb.toFixed(1)} MB JSON, new days`,
  );
  const bodies2 = bodiesOf(itemsOf(17));
  const silent = hosp.filter((h) => unitOf.get(h.code) % 50 === 4).length; // all zeros: unchanged when re-sent
  const replaceMs = await send(bodies2, 2, N - silent);
  note(
    'ingest: same day re-sent, 2 concurrent',
    `${sec(replaceMs)} s`,
    `new figures: ${N - silent} days replaced, ${silent} all-zero days unchanged`,
  );
  // put the first figures back (what bench_raw holds), not timed
  await send(bodies1, 2, N - silent);

  // the raw COPY of the same table-day rows
  const lines = [];
  first.forEach((it) => {
    const u = unitOf.get(it.org);
    for (const [c, n] of Object.entries(it.tables)) lines.push(`${u},${dict.get(c)},${lastDay},${n}`);
  });
  writeFileSync(CSV, `${lines.join('\n')}\n`);
  await q(
    `create table bench_raw (unit_id int not null, table_id smallint not null, day date not null, records int not null)`,
  );
  let copyMs;
  let copyHow = 'server-side COPY FROM file';
  try {
    const t0 = t();
    await q(`copy bench_raw (unit_id, table_id, day, records) from '${CSV}' with (format csv)`);
    copyMs = t() - t0;
  } catch (e) {
    log('server COPY failed, using psql \\copy:', e.message);
    await q('truncate bench_raw');
    copyHow = 'psql \\copy FROM file';
    const t0 = t();
    execFileSync('psql', [
      dbUrl,
      '-q',
      '-c',
      `\\copy bench_raw (unit_id, table_id, day, records) from '${CSV}' with (format csv)`,
    ]);
    copyMs = t() - t0;
  }
  const copied = Number((await q('select count(*) from bench_raw')).rows[0].count);
  if (copied !== lines.length) throw new Error(`copied ${copied} rows, expected ${lines.length}`);
  note(
    'ingest baseline: raw COPY',
    `${sec(copyMs)} s`,
    `${copied} rows into a logged table without index (${copyHow})`,
  );
  note('ingest: api ÷ COPY', `${(ingestMs / copyMs).toFixed(1)}×`);

  await q(`insert into bench_raw_q select * from bench_raw`);
  const tAn = t();
  await q('analyze mon_day');
  await q('analyze mon_month');
  await q('analyze bench_raw_q');
  const rawRows = Number((await q('select count(*) from bench_raw_q')).rows[0].count);
  const dayRowsAll = Number((await q('select count(*) from mon_day')).rows[0].count);
  note('setup: analyze', `${sec(t() - tAn)} s`, `mon_day ${dayRowsAll} rows, bench_raw_q ${rawRows} table-days`);

  // f. metrics through the api
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Hutong-demo-2026' }),
  });
  if (!login.ok) throw new Error(`login ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const url = `${base}/api/monitoring/overview?scope=${prov}&from=${firstDay}&to=${lastDay}&asOf=${lastDay}&pageSize=20`;
  const walls = [];
  const computed = [];
  let view;
  for (let i = 0; i < 5; i++) {
    const t0 = t();
    const res = await fetch(url, { headers: { cookie } });
    view = await res.json();
    const ms = t() - t0;
    if (!res.ok) throw new Error(`overview ${res.status}: ${JSON.stringify(view).slice(0, 500)}`);
    if (i > 0) {
      walls.push(ms);
      computed.push(view.computedMs);
    }
    log(`overview ${i}: ${ms.toFixed(0)} ms (computedMs ${view.computedMs})`);
  }
  if (view.rows.total !== N) throw new Error(`overview rows ${view.rows.total}, expected ${N}`);
  const apiMs = median(walls);
  note(
    'metrics: overview via api (median of 4 after warm-up)',
    `${(apiMs / 1000).toFixed(3)} s`,
    `computedMs median ${median(computed)}; all ${walls.map((w) => w.toFixed(0)).join(', ')} ms`,
  );
  log('api tiers', JSON.stringify(view.rollup.tiers), 'children', view.children.length);

  // the plain GROUP BY baseline
  const t1 = Math.ceil(0.6 * 51 - 1e-9);
  const t2 = Math.ceil(0.4 * 51 - 1e-9);
  const baseline = `
    with per as materialized (
      select unit_id, sum(records) as volume,
             count(distinct day) filter (where records > 0) as upload_days,
             count(distinct table_id) filter (where records > 0 and table_id = any($3::smallint[])) as tables,
             coalesce(sum(records) filter (where table_id = $4), 0) as visits,
             coalesce(sum(records) filter (where table_id = $5), 0) as discharges,
             max(day) filter (where records > 0) as last_day
        from bench_raw_q where day between $1::date and $2::date group by unit_id),
    inst as (
      select o.parent_id as city, coalesce(p.volume, 0) as volume, coalesce(p.upload_days, 0) as upload_days,
             coalesce(p.tables, 0) as tables, coalesce(p.visits, 0) as visits, coalesce(p.discharges, 0) as discharges,
             case when coalesce(p.volume, 0) <= 0 or coalesce(p.tables, 0) <= 0 then 4
                  when p.tables >= ${t1} then 1 when p.tables >= ${t2} then 2 else 3 end as tier
        from organisation o left join mon_unit u on u.organisation_id = o.id left join per p on p.unit_id = u.id
       where o.kind = 'hospital' and o.path like $6)
    select city, count(*) as institutions, count(*) filter (where volume > 0) as connected, sum(volume) as volume,
           sum(visits) as visits, sum(discharges) as discharges, avg(upload_days) as upload_days, avg(tables) as tables,
           count(*) filter (where volume > 0 and tier = 1) as tier1, count(*) filter (where volume > 0 and tier = 2) as tier2,
           count(*) filter (where volume > 0 and tier = 3) as tier3, count(*) filter (where tier = 4) as tier4
      from inst group by rollup (city)`;
  const c = await pool.connect();
  const baseMs = [];
  let baseRows;
  try {
    await c.query(`set work_mem = '256MB'`);
    for (let i = 0; i < 2; i++) {
      const t0 = t();
      baseRows = (await c.query(baseline, [firstDay, lastDay, req, visitsId, dischargesId, `${provPath}%`])).rows;
      baseMs.push(t() - t0);
      log(`baseline ${i}: ${sec(baseMs[i])} s`);
      if (baseMs[0] > 240_000) break; // no time for a second
    }
  } finally {
    c.release();
  }
  const total = baseRows.find((r) => r.city === null);
  log('baseline tiers', JSON.stringify({ 1: total.tier1, 2: total.tier2, 3: total.tier3 }), 'volume', total.volume);
  const api1 = view.rollup.tiers;
  const agree =
    Number(api1[1]) === Number(total.tier1) &&
    Number(api1[2]) === Number(total.tier2) &&
    Number(api1[3]) === Number(total.tier3);
  const bMs = baseMs.length > 1 ? Math.min(...baseMs) : baseMs[0];
  note(
    'metrics baseline: GROUP BY over bench_raw_q',
    `${sec(bMs)} s`,
    `${rawRows} table-days; runs ${baseMs.map((m) => sec(m)).join(', ')} s (best taken); tiers 1/2/3 ${total.tier1}/${total.tier2}/${total.tier3} (${agree ? 'same as' : 'DIFFER from'} the api's ${api1[1]}/${api1[2]}/${api1[3]})`,
  );
  note('metrics: baseline ÷ api', `${(bMs / apiMs).toFixed(0)}×`);

  console.log(`\nMonitoring benchmark — ${N} institutions × 51 tables × ${DAYS} days (${firstDay} … ${lastDay})\n`);
  console.log('| measure | value | detail |\n|---|---|---|');
  for (const r of results) console.log(`| ${r.what} | ${r.value} | ${r.detail} |`);
}

try {
  await main();
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  await cleanup();
}
