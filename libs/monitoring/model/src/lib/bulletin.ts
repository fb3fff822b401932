/**
 * A bulletin (通报) generated from the data: its facts are counted from its own attachment table, and its narrative
 * is written from those facts only — so the text can never disagree with the table (the published circulars did:
 * "11 hospitals in tier 1" listing 10, "36 of 41 connected" beside a table showing 35, a hospital in no tier).
 */
import { formatZhDate } from '@hutong/platform-model';
import type { ConnectionStatus, Tier } from './metrics';

/** One line of the attachment table. */
export interface BulletinRow {
  institution: string;
  connection: ConnectionStatus;
  /** null: connected but its tier could not be computed (no required tables) — flagged, never dropped */
  tier: Tier | null;
  tablesUploaded: number;
  tablesRequired: number;
  uploadDays: number;
  interruptionDays: number;
  volume: number;
  note?: string;
}

export interface BulletinFacts {
  institutions: number;
  connected: number;
  /** connected ÷ institutions, 0…1 */
  connectionRate: number;
  notConnected: string[];
  otherPlatform: string[];
  tiers: Record<Tier, string[]>;
  /** connected institutions in no tier */
  noTier: string[];
  /** connected institutions with interruption days, most first */
  interrupted: { institution: string; days: number }[];
}

const TIER_NAMES: Record<Tier, string> = { 1: '第一梯队', 2: '第二梯队', 3: '第三梯队', 4: '第四梯队' };
const TIER_RULES: Record<Tier, string> = {
  1: '数据完整率60%及以上',
  2: '数据完整率40%至60%',
  3: '数据完整率40%以下',
  4: '统计期内无数据上传',
};

export function bulletinFacts(rows: readonly BulletinRow[]): BulletinFacts {
  const tiers: Record<Tier, string[]> = { 1: [], 2: [], 3: [], 4: [] };
  const noTier: string[] = [];
  const notConnected: string[] = [];
  const otherPlatform: string[] = [];
  const interrupted: { institution: string; days: number }[] = [];
  for (const r of rows) {
    if (r.connection === 'not_connected') {
      notConnected.push(r.institution);
      continue;
    }
    if (r.connection === 'other_platform') otherPlatform.push(r.institution);
    if (r.tier === null) noTier.push(r.institution);
    else tiers[r.tier].push(r.institution);
    // interruptions of an institution that uploaded at all (one with nothing is tier 4, said there)
    if (r.uploadDays > 0 && r.interruptionDays > 0)
      interrupted.push({ institution: r.institution, days: r.interruptionDays });
  }
  interrupted.sort((a, b) => b.days - a.days || a.institution.localeCompare(b.institution, 'zh'));
  const connected = rows.length - notConnected.length;
  return {
    institutions: rows.length,
    connected,
    connectionRate: rows.length ? connected / rows.length : 0,
    notConnected,
    otherPlatform,
    tiers,
    noTier,
    interrupted,
  };
}

/** A share as the circulars print it: 87.80% (two decimals, half up). */
export function percent(share: number): string {
  return `${(Math.round(share * 10000 + 1e-9) / 100).toFixed(2)}%`;
}

export interface NarrativeInput {
  scope: string;
  period: { from: string; to: string };
  /** what the named institutions must do, by when (Asia/Shanghai date) */
  requirement?: { text: string; due: string };
}

/** The narrative paragraphs, from the facts only (editable before publishing as text; the numbers stay these). */
export function bulletinNarrative(f: BulletinFacts, n: NarrativeInput): string[] {
  const list = (names: string[]) => names.join('、');
  const out: string[] = [];
  out.push(
    `${formatZhDate(n.period.from)}至${formatZhDate(n.period.to)}，${n.scope}纳入监测的医疗机构共${f.institutions}家，` +
      `已联通${f.connected}家，联通率${percent(f.connectionRate)}` +
      (f.notConnected.length ? `；未联通${f.notConnected.length}家：${list(f.notConnected)}。` : '。'),
  );
  if (f.otherPlatform.length) out.push(`其中${f.otherPlatform.length}家已联通其他平台：${list(f.otherPlatform)}。`);
  for (const t of [1, 2, 3, 4] as const)
    out.push(
      `${TIER_NAMES[t]}（${TIER_RULES[t]}）${f.tiers[t].length}家` +
        (f.tiers[t].length ? `：${list(f.tiers[t])}。` : '。'),
    );
  if (f.noTier.length) out.push(`未能划入梯队${f.noTier.length}家（未配置必传表）：${list(f.noTier)}。`);
  out.push(
    f.interrupted.length
      ? `数据上传存在中断的机构${f.interrupted.length}家：` +
          f.interrupted.map((x) => `${x.institution}（中断${x.days}天）`).join('、') +
          '。'
      : '统计期内各已联通机构数据上传均无中断。',
  );
  if (n.requirement) out.push(`${n.requirement.text}，请于${formatZhDate(n.requirement.due)}前完成并报送。`);
  return out;
}

/** The numbers of a text as written (digit runs with their decimals, e.g. 2026, 87.80, 41). */
export function numbersOf(text: string): string[] {
  return text.match(/\d+(?:\.\d+)?/g) ?? [];
}

/**
 * The numbers an edited narrative has beyond those of the generated one (counted with repeats): an edit may reword,
 * shorten or reorder the narrative, never change or add a figure — the figures stay the table's.
 */
export function narrativeNumberProblems(generated: readonly string[], edited: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const n of generated.flatMap(numbersOf)) left.set(n, (left.get(n) ?? 0) + 1);
  const extra: string[] = [];
  for (const n of edited.flatMap(numbersOf)) {
    const k = left.get(n) ?? 0;
    if (k > 0) left.set(n, k - 1);
    else extra.push(n);
  }
  return extra;
}

/** Which of a bulletin's institutions a rectification action is for (the api opens the tasks, the web counts them). */
export type RectifyTarget = 'not_connected' | 'interrupted' | 'tier3' | 'tier4';

/** The rows a rectification target names: the not connected; or, of the connected, the interrupted (that uploaded), tier 3, tier 4. */
export function rectifyTargets<R extends Pick<BulletinRow, 'connection' | 'tier' | 'uploadDays' | 'interruptionDays'>>(
  rows: readonly R[],
  target: RectifyTarget,
): R[] {
  return rows.filter((r) =>
    target === 'not_connected'
      ? r.connection === 'not_connected'
      : r.connection !== 'not_connected' &&
        (target === 'interrupted'
          ? r.uploadDays > 0 && r.interruptionDays > 0
          : r.tier === (target === 'tier3' ? 3 : 4)),
  );
}
