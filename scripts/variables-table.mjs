// node scripts/variables-table.mjs — prints the README's table of variables from VARIABLES in
// libs/platform/config/src/lib/config.ts (the one place that documents them).
import { readFileSync } from 'node:fs';

const source = readFileSync(new URL('../libs/platform/config/src/lib/config.ts', import.meta.url), 'utf8');
const block = source.slice(
  source.indexOf('export const VARIABLES'),
  source.indexOf('];', source.indexOf('export const VARIABLES')),
);
const rows = [...block.matchAll(/name: '([^']+)',\s*default: '([^']*)',\s*description: '([^']*)'/g)];
console.log('| variable | default | meaning |\n|---|---|---|');
for (const [, name, def, description] of rows)
  console.log(`| \`${name}\` | ${def.startsWith('(') ? def : `\`${def}\``} | ${description} |`);
