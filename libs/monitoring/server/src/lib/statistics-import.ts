import { HttpStatus, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Job, Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import {
  MONITORING_CATALOGUE,
  itemsFromStatisticsTable,
  type IngestItemError,
  type MonitoringImportView,
} from '@hutong/monitoring-model';
import { QUEUES, isWithin, renderMessage, type MonitoringImportPayload } from '@hutong/platform-model';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import {
  AuditService,
  DEFERRED_START,
  actorOf,
  coded,
  CodedHttpException,
  notFound,
  startWorker,
  type Actor,
  type Principal,
} from '@hutong/platform-server';
import { TableFormatError, TableLimitError, readTable } from '@hutong/organisations-server';
import { MonImport } from './entities/monitoring.entities';
import { IngestionService } from './ingestion.service';

export function importView(i: MonImport): MonitoringImportView {
  return {
    id: i.id,
    fileName: i.fileName,
    status: i.status,
    totalItems: i.totalItems,
    processedItems: i.processedItems,
    rows: i.rows,
    written: i.written,
    unchanged: i.unchanged,
    error: i.error,
    createdAt: i.createdAt.toISOString(),
    finishedAt: i.finishedAt?.toISOString() ?? null,
    createdBy: i.createdByName,
  };
}

/**
 * A statistics file (CSV or XLSX, long or wide layout): read and checked on upload — every bad line is answered at
 * once (422, nothing stored) — then written by the worker in one transaction with progress; the same checks run
 * again there, so the file is written whole or not at all.
 */
@Injectable()
export class StatisticsImportService {
  private readonly log = new Logger(StatisticsImportService.name);
  constructor(
    private readonly em: EntityManager,
    private readonly ingestion: IngestionService,
    private readonly audit: AuditService,
    @InjectQueue(QUEUES.monitoringImport) private readonly queue: Queue<MonitoringImportPayload>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(user: Principal, fileName: string, buf: Buffer, lang: 'zh' | 'en'): Promise<MonitoringImportView> {
    let table: string[][];
    try {
      table = await readTable(buf, {
        maxRows: this.config.importMaxRows,
        maxInflatedBytes: this.config.importMaxInflatedBytes,
      });
    } catch (e) {
      if (e instanceof TableLimitError) throw coded(e.code, e.params, { limit: e.limit }, HttpStatus.PAYLOAD_TOO_LARGE);
      if (e instanceof TableFormatError) throw coded(e.code, e.params, undefined, HttpStatus.UNPROCESSABLE_ENTITY);
      throw e;
    }
    const file = itemsFromStatisticsTable(table);
    const errors: IngestItemError[] = [...file.errors];
    // the file's own refusals and the ingestion's (institutions, dates, tables) in one answer
    if (!(file.errors.length === 1 && file.errors[0]!.reason === 'monitoring.file_columns_missing')) {
      const checked = await this.ingestion.check(file.items, user.scopePath);
      // an item's index → the file line it came from
      for (const e of checked) errors.push({ ...e, index: file.lines[e.index] ?? e.index });
    }
    if (errors.length) {
      errors.sort((a, b) => a.index - b.index);
      throw coded(
        'monitoring.batch_invalid',
        { n: new Set(errors.map((e) => e.index)).size },
        {
          errors: errors.slice(0, 1000).map((e) => ({
            line: e.index,
            code: e.code,
            reason: e.reason,
            params: e.params ?? {},
            message: renderMessage(MONITORING_CATALOGUE, e.reason, e.params ?? {}, lang) ?? e.reason,
          })),
          rows: file.rows,
        },
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    const imp = await this.em.transactional(async (tx) => {
      const created = tx.create(MonImport, {
        fileName: fileName.slice(0, 200),
        fileSha256: createHash('sha256').update(buf).digest('hex'),
        totalItems: file.items.length,
        rows: file.rows,
        items: file.items,
        scopePath: user.scopePath,
        createdById: user.id,
        createdByName: user.displayName || user.username,
      });
      tx.persist(created);
      this.audit.record(tx, actorOf(user), {
        action: 'monitoring.import.queued',
        entityType: 'mon_import',
        entityId: created.id,
        after: { fileName: created.fileName, rows: file.rows, items: file.items.length, sha256: created.fileSha256 },
      });
      return created;
    });
    try {
      await this.queue.add('import', { importId: imp.id }, { jobId: imp.id, attempts: 2 });
    } catch (e) {
      this.log.error(`could not enqueue monitoring import ${imp.id}: ${(e as Error).message}`);
      await this.em.nativeUpdate(
        MonImport,
        { id: imp.id },
        { status: 'failed', error: '任务队列不可用，请稍后重试', finishedAt: new Date() },
      );
      throw coded('queue.unavailable');
    }
    return importView(imp);
  }

  async get(user: Principal, id: string): Promise<MonitoringImportView> {
    const imp = await this.em.findOne(MonImport, { id });
    if (!imp || !isWithin(imp.scopePath, user.scopePath)) throw notFound('mon_import');
    return importView(imp);
  }

  async recent(user: Principal): Promise<MonitoringImportView[]> {
    const list = await this.em.find(
      MonImport,
      { scopePath: { $like: `${user.scopePath}%` } },
      { orderBy: { createdAt: 'desc' }, limit: 20 },
    );
    return list.map(importView);
  }
}

/** Runs one statistics import in the worker: all its days in one transaction, progress on the import row. */
@Injectable()
export class StatisticsImportRunner {
  constructor(
    private readonly em: EntityManager,
    private readonly ingestion: IngestionService,
  ) {}

  async run(importId: string, progress: (pct: number) => Promise<void>): Promise<string> {
    const em = this.em.fork();
    const imp = await em.findOne(MonImport, { id: importId }, { populate: ['items'] });
    if (!imp) throw new Error(`monitoring import ${importId} not found`);
    if (imp.status === 'done') return 'already-done';
    await em.nativeUpdate(MonImport, { id: importId }, { status: 'running', processedItems: 0 });
    const actor: Actor = { id: imp.createdById, name: imp.createdByName, ip: null, userAgent: 'worker' };
    try {
      const r = await this.ingestion.ingest(imp.items, {
        source: 'file',
        under: imp.scopePath,
        actor,
        importId,
        onProgress: async (done, total) => {
          await this.em.fork().nativeUpdate(MonImport, { id: importId }, { processedItems: done });
          await progress(Math.round((done / Math.max(total, 1)) * 100));
        },
      });
      await em.nativeUpdate(
        MonImport,
        { id: importId },
        { status: 'done', written: r.written, unchanged: r.unchanged, finishedAt: new Date() },
      );
      return 'done';
    } catch (e) {
      if (e instanceof CodedHttpException) {
        // the data changed since the upload (an institution moved, a table left every catalogue): nothing was written
        const d = e.domain;
        await this.markFailed(importId, renderMessage(MONITORING_CATALOGUE, d.code, d.params, 'zh') ?? d.code);
        return 'invalid';
      }
      throw e;
    }
  }

  async markFailed(importId: string, error: string): Promise<void> {
    await this.em
      .fork()
      .nativeUpdate(
        MonImport,
        { id: importId },
        { status: 'failed', error: error.slice(0, 2000), finishedAt: new Date() },
      );
  }
}

@Processor(QUEUES.monitoringImport, { ...DEFERRED_START, lockDuration: 30_000, stalledInterval: 10_000 })
export class StatisticsImportProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly log = new Logger(StatisticsImportProcessor.name);
  constructor(
    private readonly runner: StatisticsImportRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, this.config, this.log);
  }

  process(job: Job<MonitoringImportPayload>): Promise<string> {
    return this.runner.run(job.data.importId, (pct) => job.updateProgress(pct));
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<MonitoringImportPayload> | undefined, err: Error): Promise<void> {
    if (!job) return;
    this.log.warn(`monitoring import ${job.data.importId} attempt ${job.attemptsMade} failed: ${err.message}`);
    if (job.attemptsMade >= (job.opts.attempts ?? 1))
      await this.runner.markFailed(job.data.importId, `导入失败：${err.message}`);
  }
}
