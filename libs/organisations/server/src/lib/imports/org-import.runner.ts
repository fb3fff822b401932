import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { OrgImportRow } from '@hutong/organisations-model';
import { OrgImport } from '../entities/org-import.entity';
import { AuditService } from '@hutong/platform-server';
import type { Actor } from '@hutong/platform-server';
import { OrganisationRepository } from '../organisation.repository';
import { OrgImportWriter } from './org-import.writer';
import { validateAgainstDb } from './org-import.service';

const HEADER = ['code', 'name', 'level', 'kind', 'parent_code', 'region_code', 'grade'];

export function rowsToTable(rows: OrgImportRow[]): string[][] {
  return [
    HEADER,
    ...rows.map((r) => [r.code, r.name, r.level, r.kind, r.parentCode ?? '', r.regionCode, r.grade ?? '']),
  ];
}

export type RunOutcome = 'succeeded' | 'already-done' | 'invalid';

/**
 * Runs one import in the worker. The whole write is one transaction that also marks the import as
 * succeeded: a crash or a retry starts again from a clean state, and a finished import is never
 * written twice. Progress goes to the import row outside the transaction so the page can show it.
 */
@Injectable()
export class OrgImportRunner {
  private readonly log = new Logger(OrgImportRunner.name);
  constructor(
    private readonly em: EntityManager,
    private readonly writer: OrgImportWriter,
    private readonly audit: AuditService,
  ) {}

  async run(importId: string, reportProgress: (pct: number) => Promise<void>): Promise<RunOutcome> {
    const em = this.em.fork();
    const imp = await em.findOne(OrgImport, { id: importId }, { populate: ['rows'] });
    if (!imp) throw new Error(`import ${importId} not found`);
    if (imp.status === 'succeeded') return 'already-done';
    await em.nativeUpdate(
      OrgImport,
      { id: importId },
      { status: 'running', startedAt: new Date(), processedRows: 0, attempts: imp.attempts + 1 },
    );

    const actor: Actor = { id: imp.createdById, name: imp.createdByName, ip: null, userAgent: 'worker' };
    // the database may have changed since upload: validate again inside the import's scope
    const check = await validateAgainstDb(
      new OrganisationRepository(em),
      rowsToTable(imp.rows),
      imp.scopePath,
      imp.createdByAdmin,
    );
    if (check.errors.length) {
      const summary = check.errors
        .slice(0, 20)
        .map((e) => `第${e.line}行：${e.reason}`)
        .join('；');
      await em.transactional(async (tx) => {
        await tx.nativeUpdate(
          OrgImport,
          { id: importId },
          { status: 'failed', error: `数据已变化，导入未执行：${summary}`, finishedAt: new Date() },
        );
        this.audit.record(tx, actor, {
          action: 'organisation.import.failed',
          entityType: 'org_import',
          entityId: importId,
          after: { errors: check.errors.length },
        });
      });
      return 'invalid';
    }

    const progressEm = this.em.fork();
    const total = imp.rows.length;
    const counts = await em.transactional(async (tx) => {
      const result = await this.writer.write(tx, check.rows, actor, async (processed) => {
        await progressEm.nativeUpdate(OrgImport, { id: importId }, { processedRows: processed });
        await reportProgress(Math.round((processed / total) * 100));
      });
      await tx.nativeUpdate(
        OrgImport,
        { id: importId },
        {
          status: 'succeeded',
          processedRows: total,
          created: result.created,
          updated: result.updated,
          error: null,
          finishedAt: new Date(),
        },
      );
      this.audit.record(tx, actor, {
        action: 'organisation.import',
        entityType: 'org_import',
        entityId: importId,
        after: { fileName: imp.fileName, totalRows: total, ...result },
      });
      return result;
    });
    this.log.log(`import ${importId}: ${counts.created} created, ${counts.updated} updated of ${total}`);
    return 'succeeded';
  }

  /** After the last failed attempt: record the failure for the page. */
  async markFailed(importId: string, message: string): Promise<void> {
    const em = this.em.fork();
    await em.nativeUpdate(
      OrgImport,
      { id: importId, status: { $ne: 'succeeded' } },
      { status: 'failed', error: message.slice(0, 1000), finishedAt: new Date() },
    );
  }
}
