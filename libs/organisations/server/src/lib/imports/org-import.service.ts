import { Inject, Injectable, HttpStatus, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { QUEUES, type OrgImportPayload } from '@hutong/platform-model';
import { type ImportJobView } from '@hutong/organisations-model';
import { ORG_CODE_PATTERN, validateOrgImport, type ExistingOrg } from '@hutong/organisations-model';
import { isWithin } from '@hutong/platform-model';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import { OrgImport } from '../entities/org-import.entity';
import { AuditService } from '@hutong/platform-server';
import { actorOf, type Principal } from '@hutong/platform-server';
import { coded, notFound } from '@hutong/platform-server';
import { OrganisationRepository } from '../organisation.repository';
import { TableFormatError, TableLimitError, readTable } from './table-parser';

/** Validates against what the database holds now; `scopePath` bounds what may be touched. */
export async function validateAgainstDb(
  repo: OrganisationRepository,
  table: string[][],
  scopePath: string,
  isAdmin: boolean,
) {
  const codeIdx = new Set<string>();
  for (const row of table.slice(1))
    for (const c of row) if (c && ORG_CODE_PATTERN.test(c.trim())) codeIdx.add(c.trim());
  const found = await repo.findByCodes([...codeIdx]);
  const existing = new Map<string, ExistingOrg>(
    found.map((o) => [
      o.code,
      {
        code: o.code,
        level: o.level,
        regionCode: o.region_code,
        parentCode: o.parent_code,
        inJurisdiction: isWithin(o.path, scopePath),
      },
    ]),
  );
  return validateOrgImport(table, (code) => existing.get(code), isAdmin);
}

export function importView(i: OrgImport): ImportJobView {
  return {
    id: i.id,
    fileName: i.fileName,
    status: i.status,
    totalRows: i.totalRows,
    processedRows: i.processedRows,
    created: i.created,
    updated: i.updated,
    error: i.error,
    createdAt: i.createdAt.toISOString(),
    finishedAt: i.finishedAt?.toISOString() ?? null,
    createdBy: i.createdByName,
  };
}

@Injectable()
export class OrgImportService {
  private readonly log = new Logger(OrgImportService.name);
  constructor(
    private readonly em: EntityManager,
    private readonly repo: OrganisationRepository,
    private readonly audit: AuditService,
    @InjectQueue(QUEUES.orgImport) private readonly queue: Queue<OrgImportPayload>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Validates every row now (422 with every bad row, nothing written), then stores the validated
   * rows and hands the writing to the worker.
   */
  async upload(user: Principal, fileName: string, buf: Buffer): Promise<ImportJobView> {
    let table: string[][];
    try {
      table = await readTable(buf, {
        maxRows: this.config.importMaxRows,
        maxInflatedBytes: this.config.importMaxInflatedBytes,
      });
    } catch (e) {
      if (e instanceof TableLimitError) throw coded(e.code, e.params, { limit: e.limit }, HttpStatus.PAYLOAD_TOO_LARGE);
      if (e instanceof TableFormatError)
        throw coded(
          e.code,
          e.params,
          { rows: [{ line: 1, reason: e.message, code: e.code, params: e.params }], totalRows: 0 },
          HttpStatus.UNPROCESSABLE_ENTITY,
        );
      throw e;
    }
    const { rows, errors } = await validateAgainstDb(this.repo, table, user.scopePath, user.role === 'admin');
    if (errors.length) {
      const badLines = new Set(errors.map((e) => e.line)).size;
      throw coded(
        'import.rows_invalid',
        { n: badLines },
        { rows: errors, totalRows: Math.max(table.length - 1, 0) },
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    const imp = await this.em.transactional(async (tx) => {
      const created = tx.create(OrgImport, {
        fileName: fileName.slice(0, 200),
        fileSha256: createHash('sha256').update(buf).digest('hex'),
        totalRows: rows.length,
        rows,
        createdById: user.id,
        createdByName: user.username,
        createdByAdmin: user.role === 'admin',
        scopePath: user.scopePath,
      });
      tx.persist(created);
      this.audit.record(tx, actorOf(user), {
        action: 'organisation.import.queued',
        entityType: 'org_import',
        entityId: created.id,
        after: { fileName: created.fileName, totalRows: rows.length, sha256: created.fileSha256 },
      });
      return created;
    });
    try {
      // the import id is the job id: enqueuing twice never runs it twice
      await this.queue.add('import', { importId: imp.id }, { jobId: imp.id });
    } catch (e) {
      this.log.error(`could not enqueue import ${imp.id}: ${(e as Error).message}`);
      await this.em.nativeUpdate(
        OrgImport,
        { id: imp.id },
        { status: 'failed', error: '任务队列不可用，请稍后重试', finishedAt: new Date() },
      );
      throw coded('queue.unavailable');
    }
    return this.get(user, imp.id);
  }

  async get(user: Principal, id: string): Promise<ImportJobView> {
    const imp = await this.em.findOne(OrgImport, { id });
    if (!imp || !this.visible(user, imp)) throw notFound('import');
    return importView(imp);
  }

  async recent(user: Principal): Promise<ImportJobView[]> {
    const where = user.role === 'admin' ? {} : { scopePath: { $like: `${user.scopePath}%` } };
    const list = await this.em.find(OrgImport, where, {
      orderBy: { createdAt: 'desc' },
      limit: 20,
    });
    return list.map(importView);
  }

  private visible(user: Principal, imp: OrgImport): boolean {
    return user.role === 'admin' || isWithin(imp.scopePath, user.scopePath);
  }
}
