#!/usr/bin/env node
// node scripts/compress-static.mjs <folder>
// The web build's last step (target web:build): writes <file>.br (brotli, quality 11) and <file>.gz
// (gzip, level 9) next to every compressible file of the built web app (js, css, html, json, svg, txt,
// ico, map), so the api serves them as they are, by Accept-Encoding, without compressing per request.
// A compressed copy that would not be smaller is not written; stale .br/.gz of an earlier build are removed.
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = process.argv[2];
if (!root) {
  console.error('usage: compress-static.mjs <folder>');
  process.exit(2);
}
const COMPRESSIBLE = /\.(?:js|mjs|css|html|json|svg|txt|ico|map|webmanifest|xml)$/i;
const MIN_BYTES = 256;

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

const files = [...walk(root)];
for (const f of files) if (/\.(?:br|gz)$/.test(f) && !files.includes(f.slice(0, -3))) unlinkSync(f);

let raw = 0;
let br = 0;
let gz = 0;
let count = 0;
for (const file of files) {
  if (!COMPRESSIBLE.test(file) || statSync(file).size < MIN_BYTES) continue;
  const data = readFileSync(file);
  const outputs = [
    [
      '.br',
      brotliCompressSync(data, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          [constants.BROTLI_PARAM_MODE]: /\.(?:ico)$/i.test(file)
            ? constants.BROTLI_MODE_GENERIC
            : constants.BROTLI_MODE_TEXT,
        },
      }),
    ],
    ['.gz', gzipSync(data, { level: constants.Z_BEST_COMPRESSION })],
  ];
  for (const [ext, out] of outputs) {
    if (out.length < data.length) writeFileSync(file + ext, out);
    else if (files.includes(file + ext)) unlinkSync(file + ext);
  }
  raw += data.length;
  br += Math.min(outputs[0][1].length, data.length);
  gz += Math.min(outputs[1][1].length, data.length);
  count++;
}
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log(
  `compress-static: ${count} files in ${relative(process.cwd(), root) || '.'}: ${kb(raw)} → brotli ${kb(br)}, gzip ${kb(gz)}`,
);
