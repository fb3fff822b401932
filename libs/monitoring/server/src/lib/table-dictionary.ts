import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { coded } from '@hutong/platform-server';
import { MonTableCode } from './entities/monitoring.entities';
import { MASK_BITS } from './statistics.repository';

/**
 * Table code ↔ dictionary id (1…256): the position of a table in the daily rows' arrays and masks. Every code of
 * every catalogue version has one; a code no catalogue names is not accepted by the ingestion.
 */
@Injectable()
export class TableDictionary {
  private byCode = new Map<string, number>();
  private loaded = false;

  constructor(private readonly em: EntityManager) {}

  async load(force = false): Promise<Map<string, number>> {
    if (this.loaded && !force) return this.byCode;
    const rows = await this.em.fork().find(MonTableCode, {}, { orderBy: { id: 'asc' } });
    this.byCode = new Map(rows.map((r) => [r.code, r.id]));
    this.loaded = true;
    return this.byCode;
  }

  /** The id of a code, reloading once when it is not known here (another process may have added it). */
  async idOf(code: string): Promise<number | undefined> {
    const known = (await this.load()).get(code);
    if (known !== undefined) return known;
    return (await this.load(true)).get(code);
  }

  /** Forgets what it read (after the dictionary changed in this process). */
  forget(): void {
    this.loaded = false;
  }
}

/** Gives dictionary ids to codes that have none, in the caller's transaction (serialised by a table lock). */
export async function ensureTableCodes(tx: EntityManager, codes: string[]): Promise<void> {
  await tx.execute('lock table mon_table_code in exclusive mode');
  const rows = await tx.execute<{ id: number; code: string }[]>('select id, code from mon_table_code');
  const have = new Map(rows.map((r) => [r.code, Number(r.id)]));
  let next = Math.max(0, ...have.values()) + 1;
  const fresh = [...new Set(codes)].filter((c) => !have.has(c));
  if (next - 1 + fresh.length > MASK_BITS) throw coded('monitoring.catalogue_too_many_tables', { max: MASK_BITS });
  for (const code of fresh) {
    await tx.execute('insert into mon_table_code (id, code) values (?, ?)', [next, code]);
    next++;
  }
}
