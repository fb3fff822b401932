#!/usr/bin/env node
// Writes a CSV of hospital rows for organisation-import benchmarks:
//   node test/bench/gen-orgs.mjs <count> <out.csv> [--parent 411502] [--region 411502] [--prefix BENCH]
// Rows hang under an existing county (default 411502 浉河区 of the demo province); codes are
// <prefix><zero-padded serial>, unique and deterministic; grades cycle through the valid ones.
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const HEADER = ['code', 'name', 'level', 'kind', 'parent_code', 'region_code', 'grade'];
export const GRADES = ['3A', '3B', '3', '2A', '2B', '2', '1', 'ungraded'];
const CODE_PATTERN = /^[A-Za-z0-9-]{2,32}$/;
const REGION_PATTERN = /^[1-9]\d{5}$/;

/**
 * The rows (without the header) of `count` hospitals under `parent`.
 * @param {number} count
 * @param {{ parent?: string, region?: string, prefix?: string }} [options]
 * @returns {string[][]}
 */
export function generateOrgRows(count, options = {}) {
  const parent = options.parent ?? '411502';
  const region = options.region ?? parent;
  const prefix = options.prefix ?? 'BENCH';
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a positive whole number (got ${count})`);
  if (!REGION_PATTERN.test(region)) throw new Error(`region code must be 6 digits (got ${region})`);
  const width = Math.max(6, String(count).length);
  const first = `${prefix}${'0'.repeat(width)}`;
  if (!CODE_PATTERN.test(first))
    throw new Error(
      `prefix "${prefix}" gives invalid codes such as ${first} (letters, digits, hyphens; 32 characters at most)`,
    );
  const rows = [];
  for (let i = 1; i <= count; i++) {
    const serial = String(i).padStart(width, '0');
    rows.push([
      `${prefix}${serial}`,
      `压测医院${prefix}${serial}`,
      'institution',
      'hospital',
      parent,
      region,
      GRADES[(i - 1) % GRADES.length],
    ]);
  }
  return rows;
}

function csvCell(value) {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** @param {string[][]} rows @returns {string} the CSV text, header included */
export function toCsv(rows) {
  return [HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

/** Writes the CSV to `file`, streaming, and resolves with the number of data rows. */
export async function writeOrgCsv(file, count, options = {}) {
  const rows = generateOrgRows(count, options);
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = (line) => (out.write(line) ? undefined : new Promise((r) => out.once('drain', r)));
  await write(HEADER.join(',') + '\n');
  for (const r of rows) await write(r.map(csvCell).join(',') + '\n');
  await new Promise((res, rej) => out.end((err) => (err ? rej(err) : res())));
  return rows.length;
}

function parseArgs(argv) {
  const positional = [];
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--(parent|region|prefix)(?:=(.*))?$/.exec(a);
    if (m) {
      const value = m[2] ?? argv[++i];
      if (value === undefined) throw new Error(`--${m[1]} needs a value`);
      options[m[1]] = value;
    } else if (a.startsWith('--')) {
      throw new Error(`unknown option ${a}`);
    } else positional.push(a);
  }
  if (positional.length !== 2)
    throw new Error(
      'usage: node test/bench/gen-orgs.mjs <count> <out.csv> [--parent 411502] [--region 411502] [--prefix BENCH]',
    );
  return { count: Number(positional[0]), file: positional[1], options };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const { count, file, options } = parseArgs(process.argv.slice(2));
    const n = await writeOrgCsv(file, count, options);
    console.log(`wrote ${n} rows to ${file}`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
