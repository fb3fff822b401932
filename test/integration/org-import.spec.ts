/**
 * The organisation import through the real queue: the api validates every row (422, nothing
 * written), the worker writes in one transaction with progress the page can poll, and a retry after
 * a crashed worker is idempotent.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { ImportJobView } from '@hutong/organisations-model';
import { ROOT, startStack, type HttpClient, type Stack } from '../support/stack';

let stack: Stack;
let coordinator: HttpClient;
const workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/worker/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'],
      NODE_ENV: 'test',
      DATABASE_URL: stack.databaseUrl,
      REDIS_URL: stack.redisUrl,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  workers.push(child);
  return child;
}

function benchCsv(count: number, prefix: string): string {
  const lines = ['code,name,level,kind,parent_code,region_code,grade'];
  const grades = ['3A', '3B', '2A', '2B', '1', 'ungraded'];
  for (let i = 1; i <= count; i++) {
    const code = `${prefix}${String(i).padStart(6, '0')}`;
    lines.push(`${code},测试医院${code},institution,hospital,411502,411502,${grades[i % grades.length]}`);
  }
  return lines.join('\n') + '\n';
}

async function counts() {
  const { rows } = await stack.db.query<{ orgs: number; audits: number; imports: number }>(
    'select (select count(*)::int from organisation) as orgs, (select count(*)::int from audit_entry) as audits, (select count(*)::int from org_import) as imports',
  );
  return rows[0];
}

async function waitFor(id: string, timeoutMs = 60_000, seen?: (v: ImportJobView) => void): Promise<ImportJobView> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await coordinator.get<ImportJobView>(`/api/organisations/imports/${id}`);
    expect(res.status).toBe(200);
    seen?.(res.body);
    if (res.body.status === 'succeeded' || res.body.status === 'failed') return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} did not finish within ${timeoutMs} ms`);
}

beforeAll(async () => {
  stack = await startStack({
    seed: true,
    worker: false,
    env: {
      UPLOAD_MAX_BYTES: String(8 * 1024 * 1024),
      IMPORT_MAX_ROWS: '40000',
      IMPORT_MAX_INFLATED_BYTES: String(4 * 1024 * 1024),
    },
  });
  coordinator = await stack.login('coordinator');
}, 120_000);

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  await stack?.stop();
});

describe('validation before anything is written', () => {
  it('answers a bad file with 422, every bad row with its line and reason, and writes nothing', async () => {
    const before = await counts();
    const file = readFileSync(join(ROOT, 'test/fixtures/orgs-bad.csv'));
    const res = await coordinator.postFile('/api/organisations/imports', 'file', 'orgs-bad.csv', file);
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('共4行有错误，未写入任何数据');
    expect(res.body.details.totalRows).toBe(8);
    expect(res.body.details.rows.map((r: { line: number; column: string }) => [r.line, r.column])).toEqual([
      [3, 'regionCode'],
      [5, 'parentCode'],
      [6, 'code'],
      [8, 'grade'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses rows outside the jurisdiction, a missing header, a non-table file and a missing file', async () => {
    const before = await counts();
    const outside = await coordinator.postFile(
      '/api/organisations/imports',
      'file',
      'o.csv',
      'code,name,level,kind,parent_code,region_code\nZZ-1,郑州某医院,机构,医院,410105,410105\n',
    );
    expect(outside.status).toBe(422);
    expect(outside.body.details.rows).toEqual([
      { line: 2, column: 'parentCode', reason: '上级“410105”不在您的管辖范围内' },
    ]);
    const noHeader = await coordinator.postFile('/api/organisations/imports', 'file', 'h.csv', 'code,name\nA1,x\n');
    expect(noHeader.status).toBe(422);
    expect(noHeader.body.details.rows.map((r: { column: string }) => r.column)).toEqual(['level', 'region_code']);
    const binary = await coordinator.postFile(
      '/api/organisations/imports',
      'file',
      'x.csv',
      Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3]),
      'application/pdf',
    );
    expect(binary.status).toBe(422);
    expect((await coordinator.post('/api/organisations/imports', {})).status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe('limits', () => {
  it('refuses an upload over UPLOAD_MAX_BYTES with 413 and a clear JSON error', async () => {
    const before = await counts();
    const res = await coordinator.postFile(
      '/api/organisations/imports',
      'file',
      'big.csv',
      Buffer.alloc(9 * 1024 * 1024, 'a'),
    );
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', code: 'upload.too_large' });
    expect(res.body.message).toContain('8 MB');
    expect(await counts()).toEqual(before);
  });

  it('refuses a small XLSX that inflates beyond IMPORT_MAX_INFLATED_BYTES before reading it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('机构');
    ws.addRow(['机构编码', '名称', '层级', '类型', '上级编码', '行政区划代码', '医院等级']);
    for (let i = 0; i < 20_000; i++)
      ws.addRow(['BOMB', '膨胀医院'.repeat(20), '机构', '医院', '411503', '411503', '二级甲等']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    expect(file.length).toBeLessThan(1024 * 1024);
    const before = await counts();
    const res = await coordinator.postFile('/api/organisations/imports', 'file', 'bomb.xlsx', file);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'import.inflated_too_large' });
    expect(await counts()).toEqual(before);
  });

  it('refuses a file with more than IMPORT_MAX_ROWS rows', async () => {
    const res = await coordinator.postFile('/api/organisations/imports', 'file', 'rows.csv', benchCsv(40_001, 'RW'));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'import.too_many_rows' });
    expect(res.body.message).toContain('40000');
  });
});

describe('the worker', () => {
  it('imports a Chinese-header CSV and an XLSX; the new rows appear with audit entries', async () => {
    startWorker();
    const csv = await coordinator.postFile(
      '/api/organisations/imports',
      'file',
      'orgs-valid.csv',
      readFileSync(join(ROOT, 'test/fixtures/orgs-valid.csv')),
    );
    expect(csv.status).toBe(202);
    expect(csv.body).toMatchObject({ status: 'queued', totalRows: 3, fileName: 'orgs-valid.csv' });
    const done = await waitFor(csv.body.id);
    expect(done).toMatchObject({ status: 'succeeded', created: 3, updated: 0, processedRows: 3 });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('机构');
    ws.addRow(['机构编码', '名称', '层级', '类型', '上级编码', '行政区划代码', '医院等级']);
    ws.addRow(['XLSX-0001', '平桥区XLSX测试医院', '机构', '医院', '411503', '411503', '二级甲等']);
    const xlsx = await coordinator.postFile(
      '/api/organisations/imports',
      'file',
      '机构.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.status).toBe(202);
    expect(xlsx.body.fileName).toBe('机构.xlsx');
    expect(await waitFor(xlsx.body.id)).toMatchObject({ status: 'succeeded', created: 1 });

    const list = await coordinator.get('/api/organisations?q=XLSX测试');
    expect(list.body.items.map((o: { code: string; grade: string }) => [o.code, o.grade])).toEqual([
      ['XLSX-0001', '2A'],
    ]);
    const { rows } = await stack.db.query(
      "select count(*)::int as n from audit_entry where action = 'organisation.import.create' and actor_name = 'coordinator'",
    );
    expect(rows[0].n).toBe(4);
  });

  it('round-trips its own export: the exported file has the import headers and re-imports with no change', async () => {
    const res = await fetch(`${stack.baseUrl}/api/organisations/export.xlsx`, {
      headers: { cookie: coordinator.cookieHeader() },
    });
    expect(res.status).toBe(200);
    const file = Buffer.from(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    // exactly the import's Chinese headers, the same as the template's, in the same order
    expect(header).toEqual(['机构编码', '名称', '层级', '类型', '上级编码', '行政区划代码', '医院等级']);
    const template = await fetch(`${stack.baseUrl}/api/organisations/import-template.csv`, {
      headers: { cookie: coordinator.cookieHeader() },
    });
    expect(header).toEqual(
      (await template.text())
        .replace(/^\uFEFF/, '')
        .split('\n')[0]
        .split(','),
    );
    const exported = ws.rowCount - 1;
    const { rows } = await stack.db.query<{ n: number }>(
      "select count(*)::int as n from organisation where path like (select path from organisation where code = '411500') || '%'",
    );
    expect(exported).toBe(rows[0].n);
    const auditBefore = await stack.db.query<{ id: string }>('select max(id)::text as id from audit_entry');

    const again = await coordinator.postFile(
      '/api/organisations/imports',
      'file',
      '机构列表.xlsx',
      file,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(again.body.details?.rows ?? []).toEqual([]);
    expect(again.status).toBe(202);
    expect(await waitFor(again.body.id)).toMatchObject({
      status: 'succeeded',
      totalRows: exported,
      created: 0,
      updated: 0,
    });
    // no organisation was created or changed: only the import's own bookkeeping entries
    const changed = await stack.db.query(
      "select count(*)::int as n from audit_entry where id > $1::bigint and action in ('organisation.import.create', 'organisation.import.update')",
      [auditBefore.rows[0].id],
    );
    expect(changed.rows[0].n).toBe(0);

    // an edited export imports back: the one renamed row is the one update
    const codeCol = header.indexOf('机构编码') + 1;
    const nameCol = header.indexOf('名称') + 1;
    const edited = ws.getRow(ws.rowCount);
    const code = String(edited.getCell(codeCol).value);
    edited.getCell(nameCol).value = `${String(edited.getCell(nameCol).value)}（改名）`;
    const upload = await coordinator.postFile(
      '/api/organisations/imports',
      'file',
      '机构列表-改.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(upload.status).toBe(202);
    expect(await waitFor(upload.body.id)).toMatchObject({ status: 'succeeded', created: 0, updated: 1 });
    const renamed = await stack.db.query<{ name: string }>('select name from organisation where code = $1', [code]);
    expect(renamed.rows[0].name).toMatch(/（改名）$/);
  });

  it('imports 30,000 rows with visible progress; a crashed worker leaves nothing half-written and the retry is exact', async () => {
    for (const w of workers) w.kill('SIGKILL');
    const csv = benchCsv(30_000, 'IT');
    const before = await counts();
    const res = await coordinator.postFile('/api/organisations/imports', 'file', 'bench.csv', csv);
    expect(res.status).toBe(202);
    const id: string = res.body.id;

    // worker A starts writing; kill it mid-way
    const a = startWorker();
    let progressSeen = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const v = (await coordinator.get<ImportJobView>(`/api/organisations/imports/${id}`)).body;
      if (v.status === 'running' && v.processedRows > 0 && v.processedRows < v.totalRows) {
        progressSeen = v.processedRows;
        break;
      }
      expect(v.status).not.toBe('succeeded');
      await new Promise((r) => setTimeout(r, 20));
    }
    a.kill('SIGKILL');
    expect(progressSeen).toBeGreaterThan(0);
    await new Promise((r) => a.once('exit', r));
    const { rows: partial } = await stack.db.query("select count(*)::int as n from organisation where code like 'IT%'");
    expect(partial[0].n).toBe(0); // the transaction died with the worker

    // worker B picks the stalled job up again
    startWorker();
    const partials: number[] = [];
    const done = await waitFor(id, 90_000, (v) => partials.push(v.processedRows));
    expect(done).toMatchObject({ status: 'succeeded', created: 30_000, updated: 0, processedRows: 30_000 });
    expect(partials.some((p) => p > 0 && p < 30_000)).toBe(true);
    const { rows: imp } = await stack.db.query('select attempts from org_import where id = $1', [id]);
    expect(imp[0].attempts).toBe(2);
    const after = await counts();
    expect(after.orgs - before.orgs).toBe(30_000);
    const { rows: audits } = await stack.db.query(
      "select count(*)::int as n from audit_entry where action = 'organisation.import.create' and entity_id in (select id::text from organisation where code like 'IT%')",
    );
    expect(audits[0].n).toBe(30_000);

    // the same file again changes nothing
    const again = await coordinator.postFile('/api/organisations/imports', 'file', 'bench.csv', csv);
    expect(again.status).toBe(202);
    expect(await waitFor(again.body.id)).toMatchObject({ status: 'succeeded', created: 0, updated: 0 });
    expect((await counts()).orgs).toBe(after.orgs);
  }, 180_000);
});
