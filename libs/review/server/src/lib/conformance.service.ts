import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  summariseConformance,
  type ConformanceReportView,
  type ConformanceRow,
  type ConformanceSummary,
} from '@hutong/review-model';
import { isWithin } from '@hutong/platform-model';
import { AuditService, actorOf, coded, notFound, type Principal } from '@hutong/platform-server';
import { User } from '@hutong/identity-server';
import { ApplicationReader, ApplicationService } from '@hutong/assessment-server';
import { ConformanceReport } from './entities/review.entities';
import { readConformanceFile } from './conformance-file';

function reportView(r: ConformanceReport): ConformanceReportView {
  return {
    id: r.id,
    applicationId: r.applicationId,
    fileName: r.fileName,
    rows: r.rows as ConformanceRow[],
    summary: r.summary as unknown as ConformanceSummary,
    passed: r.passed,
    importedBy: r.importedBy.username,
    importedAt: r.importedAt.toISOString(),
  };
}

/**
 * Standard-conformance testing (标准符合性测试, C1): the test tool's report per application (data sets, shared
 * documents, interaction services: tested / passed / failed and the result per item), imported from its CSV or XLSX —
 * all or nothing, every bad row named — and its result handed to the application (recordConformance), which the
 * stage machine reads to go on to the document review or back to rectification.
 */
@Injectable()
export class ConformanceService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly apps: ApplicationReader,
    private readonly applications: ApplicationService,
  ) {}

  async import(
    user: Principal,
    applicationId: string,
    file: { buffer: Buffer; originalname: string },
  ): Promise<ConformanceReportView> {
    const [subject] = await this.apps.subjects([applicationId]);
    if (!subject) throw notFound('application');
    const parsed = await readConformanceFile(file.buffer, file.originalname);
    if (parsed.errors.length)
      throw coded(
        'review.conformance_import_invalid',
        { n: parsed.errors.length },
        { errors: parsed.errors.slice(0, 200) },
      );
    const summary = summariseConformance(parsed.rows);
    const id = await this.em.fork().transactional(async (tx) => {
      const r = tx.create(ConformanceReport, {
        applicationId,
        fileName: file.originalname.slice(0, 200),
        rows: parsed.rows,
        summary: summary as unknown as Record<string, unknown>,
        passed: summary.passed,
        importedBy: tx.getReference(User, user.id),
      });
      tx.persist(r);
      this.audit.record(tx, actorOf(user), {
        action: 'conformance.import',
        entityType: 'application',
        entityId: applicationId,
        before: null,
        after: {
          reportId: r.id,
          fileName: r.fileName,
          items: summary.total.items,
          failedItems: summary.total.failedItems,
          passed: summary.passed,
        },
      });
      await tx.flush();
      await this.applications.recordConformance(
        user,
        applicationId,
        {
          passed: summary.passed,
          items: summary.total.items,
          failedItems: summary.total.failedItems,
          note: file.originalname.slice(0, 200),
        },
        tx,
      );
      return r.id;
    });
    const r = await this.em.fork().findOneOrFail(ConformanceReport, { id }, { populate: ['importedBy'] });
    return reportView(r);
  }

  /** The latest report of an application (null when none) — its applicant and the staff of its jurisdiction. */
  async latest(user: Principal, applicationId: string): Promise<ConformanceReportView | null> {
    const [subject] = await this.apps.subjects([applicationId]);
    if (!subject) throw notFound('application');
    if (
      user.role === 'applicant'
        ? user.organisationId !== subject.organisationId
        : !isWithin(subject.organisationPath, user.scopePath)
    )
      throw notFound('application');
    const r = await this.em
      .fork()
      .findOne(ConformanceReport, { applicationId }, { populate: ['importedBy'], orderBy: { importedAt: 'desc' } });
    return r ? reportView(r) : null;
  }
}
