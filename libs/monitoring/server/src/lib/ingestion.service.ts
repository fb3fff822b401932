import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import {
  MONITORING_CATALOGUE,
  validateIngestBatch,
  type IngestDay,
  type IngestItemError,
  type IngestResult,
} from '@hutong/monitoring-model';
import { renderMessage, shanghaiDate } from '@hutong/platform-model';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import { AuditService, coded, type Actor } from '@hutong/platform-server';
import { OrganisationService } from '@hutong/organisations-server';
import { MonBatch } from './entities/monitoring.entities';
import { StatisticsRepository, type DayRow, type MonthRow } from './statistics.repository';
import { TableDictionary } from './table-dictionary';

/** The kinds of organisation that send statistics (hospitals and regional platforms). */
export const MONITORED_KINDS = ['hospital', 'regional_platform'];

export interface IngestContext {
  source: 'api' | 'file';
  /** the subtree the sender may report for (the key's organisation, the importing user's jurisdiction) */
  under: string;
  actor: Actor;
  keyId?: string;
  importId?: string;
  receivedAt?: Date;
  lang?: 'zh' | 'en';
  /** told how many items are done (the file import's progress) */
  onProgress?: (done: number, total: number) => Promise<void> | void;
}

/** Rendered refusals, as the api answers them: at most this many are listed (the count is always complete). */
const MAX_LISTED_ERRORS = 1000;

const equalCounts = (a: number[], b: number[]) => {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return false;
  return true;
};

/**
 * Takes a batch of daily statistics (the machine api's body, a file's rows): validates every item and refuses the
 * whole batch with each bad item's code when any is wrong; otherwise, in one transaction, replaces each
 * institution-day whose figures are new (a replayed day is left untouched, a day computed before the stored one is
 * kept as it is) and moves the month pre-aggregates by the difference.
 */
@Injectable()
export class IngestionService {
  constructor(
    private readonly em: EntityManager,
    private readonly repo: StatisticsRepository,
    private readonly dict: TableDictionary,
    private readonly orgs: OrganisationService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every refusal of a batch (the checks of `ingest`, nothing written): what the file upload answers at once. */
  async check(items: unknown, under: string, receivedAt = new Date()): Promise<IngestItemError[]> {
    return (await this.prepare(items, under, receivedAt)).errors;
  }

  private async prepare(items: unknown, under: string, receivedAt: Date) {
    const today = shanghaiDate(receivedAt);
    let dict = await this.dict.load();
    const validate = () =>
      validateIngestBatch(
        items,
        { knownTable: (c) => dict.has(c), today, earliest: '2000-01-01', receivedAt },
        this.config.monitoringBatchMaxItems,
      );
    let { days, errors } = validate();
    if (errors.some((e) => e.code === '03')) {
      dict = await this.dict.load(true);
      ({ days, errors } = validate());
    }
    const orgIds = await this.resolveOrgs(days, under, errors);
    return { days, errors, orgIds, dict };
  }

  async ingest(items: unknown, ctx: IngestContext): Promise<IngestResult> {
    const receivedAt = ctx.receivedAt ?? new Date();
    const { days, errors, orgIds, dict } = await this.prepare(items, ctx.under, receivedAt);
    if (errors.length) throw this.refusal(errors, Array.isArray(items) ? items.length : 0, ctx.lang ?? 'zh');

    const digest = createHash('sha256').update(JSON.stringify(items)).digest('hex');
    await this.repo.ensurePartitions(this.em.fork(), new Set(days.map((d) => d.date)));
    const result = await this.em.transactional(async (tx) => {
      const units = await this.repo.unitsOf(tx, [...new Set(orgIds.values())]);
      const batch = tx.create(MonBatch, {
        source: ctx.source,
        keyId: ctx.keyId ?? null,
        importId: ctx.importId ?? null,
        digest,
        items: days.length,
        written: 0,
        unchanged: 0,
        stale: 0,
        receivedAt,
      });
      let written = 0;
      let unchanged = 0;
      let stale = 0;
      const chunk = 5000;
      for (let i = 0; i < days.length; i += chunk) {
        const part = days.slice(i, i + chunk);
        const r = await this.writeChunk(tx, part, orgIds, units, dict, batch.id);
        written += r.written;
        unchanged += r.unchanged;
        stale += r.stale;
        await ctx.onProgress?.(Math.min(i + chunk, days.length), days.length);
      }
      batch.written = written;
      batch.unchanged = unchanged;
      batch.stale = stale;
      tx.persist(batch);
      this.audit.record(tx, ctx.actor, {
        action: 'monitoring.statistics.received',
        entityType: 'mon_batch',
        entityId: batch.id,
        after: {
          source: ctx.source,
          keyId: ctx.keyId ?? null,
          importId: ctx.importId ?? null,
          items: days.length,
          written,
          unchanged,
          stale,
          sha256: digest,
        },
      });
      return { batchId: batch.id, items: days.length, written, unchanged, stale };
    });
    return result;
  }

  /** Organisation ids by code for the batch's items; codes that are unknown, outside or not institutions → errors. */
  private async resolveOrgs(days: IngestDay[], under: string, errors: IngestItemError[]): Promise<Map<string, string>> {
    const codes = [...new Set(days.map((d) => d.org))];
    const out = new Map<string, string>();
    if (!codes.length) return out;
    for (const o of await this.orgs.matching({ under, codes, kinds: MONITORED_KINDS })) out.set(o.code, o.id);
    const missing = codes.filter((c) => !out.has(c));
    if (!missing.length) return out;
    const anywhere = new Map((await this.orgs.matching({ under: '/', codes: missing })).map((o) => [o.code, o]));
    for (const d of days) {
      if (out.has(d.org)) continue;
      const found = anywhere.get(d.org);
      const reason = !found
        ? 'monitoring.ingest_org_unknown'
        : !found.path.startsWith(under)
          ? 'monitoring.ingest_org_outside'
          : 'monitoring.ingest_org_not_institution';
      errors.push({ index: d.index, code: '02', reason, params: { org: d.org } });
    }
    errors.sort((a, b) => a.index - b.index);
    return out;
  }

  private refusal(errors: IngestItemError[], total: number, lang: 'zh' | 'en') {
    const listed = errors.slice(0, MAX_LISTED_ERRORS).map((e) => ({
      index: e.index,
      code: e.code,
      reason: e.reason,
      params: e.params ?? {},
      message: renderMessage(MONITORING_CATALOGUE, e.reason, e.params ?? {}, lang) ?? e.reason,
    }));
    const bad = new Set(errors.map((e) => e.index)).size;
    return coded(
      'monitoring.batch_invalid',
      { n: bad },
      { errors: listed, invalid: bad, items: total, listed: listed.length },
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }

  private async writeChunk(
    tx: EntityManager,
    part: IngestDay[],
    orgIds: Map<string, string>,
    units: Map<string, number>,
    dict: Map<string, number>,
    batchId: string,
  ): Promise<{ written: number; unchanged: number; stale: number }> {
    const rows: DayRow[] = part.map((d) => {
      const counts: number[] = [];
      let total = 0;
      for (const [code, n] of d.counts) {
        const id = dict.get(code)!;
        while (counts.length < id) counts.push(0);
        counts[id - 1] = n;
        total += n;
      }
      return {
        unitId: units.get(orgIds.get(d.org)!)!,
        day: d.date,
        counts,
        total,
        lags: [d.lags.t0, d.lags.t1, d.lags.t2, d.lags.later],
        asOf: d.asOf,
      };
    });
    const stored = new Map(
      (
        await this.repo.days(
          tx,
          rows.map((r) => ({ u: r.unitId, d: r.day })),
          true,
        )
      ).map((r) => [`${r.unitId}|${r.day}`, r]),
    );
    const changed: { next: DayRow; prev: DayRow | undefined }[] = [];
    let unchanged = 0;
    let stale = 0;
    for (const next of rows) {
      const prev = stored.get(`${next.unitId}|${next.day}`);
      if (prev && prev.asOf.getTime() > next.asOf.getTime()) stale++;
      else if (prev && equalCounts(prev.counts, next.counts) && equalCounts(prev.lags, next.lags)) unchanged++;
      else changed.push({ next, prev });
    }
    if (!changed.length) return { written: 0, unchanged, stale };

    const monthKey = (u: number, day: string) => `${u}|${day.slice(0, 7)}-01`;
    const keys = [...new Set(changed.map((c) => monthKey(c.next.unitId, c.next.day)))].map((k) => {
      const [u, m] = k.split('|');
      return { u: Number(u), m: m! };
    });
    const months = new Map((await this.repo.months(tx, keys)).map((m) => [`${m.unitId}|${m.month}`, m]));
    const recheck: { u: number; m: string }[] = [];
    for (const { next, prev } of changed) {
      const key = monthKey(next.unitId, next.day);
      let m = months.get(key);
      if (!m) {
        m = {
          unitId: next.unitId,
          month: key.split('|')[1]!,
          counts: [],
          tableDays: [],
          total: 0,
          uploadDays: 0,
          lastDay: null,
          lags: [0, 0, 0, 0],
        } satisfies MonthRow;
        months.set(key, m);
      }
      const before = prev?.counts ?? [];
      const n = Math.max(before.length, next.counts.length);
      while (m.counts.length < n) m.counts.push(0);
      while (m.tableDays.length < n) m.tableDays.push(0);
      for (let j = 0; j < n; j++) {
        const a = before[j] ?? 0;
        const b = next.counts[j] ?? 0;
        m.counts[j]! += b - a;
        m.tableDays[j]! += (b > 0 ? 1 : 0) - (a > 0 ? 1 : 0);
      }
      const prevTotal = prev?.total ?? 0;
      m.total += next.total - prevTotal;
      m.uploadDays += (next.total > 0 ? 1 : 0) - (prevTotal > 0 ? 1 : 0);
      for (let j = 0; j < 4; j++) m.lags[j]! += next.lags[j]! - (prev?.lags[j] ?? 0);
      if (next.total > 0 && (!m.lastDay || next.day > m.lastDay)) m.lastDay = next.day;
      else if (next.total === 0 && prevTotal > 0 && m.lastDay === next.day) recheck.push({ u: m.unitId, m: m.month });
    }
    await this.repo.writeDays(
      tx,
      changed.map((c) => c.next),
      batchId,
    );
    if (recheck.length) {
      const last = await this.repo.lastDays(tx, recheck);
      for (const k of recheck) months.get(`${k.u}|${k.m}`)!.lastDay = last.get(`${k.u}|${k.m}`) ?? null;
    }
    await this.repo.writeMonths(tx, [...months.values()]);
    return { written: changed.length, unchanged, stale };
  }
}
