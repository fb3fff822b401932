// node scripts/i18n-check.mjs [root] — checks the UI texts and the error-code catalogues:
// - web texts (`*.texts.ts`: X_ZH / X_EN pairs): every key in both languages with the same placeholders, no key
//   in two bundles, every key the code uses (`t('…')`, route `title: '…'`) present, no dead key (used nowhere:
//   neither as a string literal nor under a `prefix.${…}` template);
// - message catalogues (`libs/*/model/src/lib/*messages.ts`: X_MESSAGES tables): zh and en for every code,
//   the same placeholders, and every code the servers raise (coded/badRequest/conflict/forbidden/httpError,
//   DTO `message:`, `code:`, DomainError) present; `notFound('x')` needs an `entity` label x.
// Codes in a catalogue that nothing raises yet are listed as a note (assessment-server converts later).
// Exit 1 on any problem.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const CODE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const PLACEHOLDER = /\{(\w+)(?:\|\w+)?\}/g;

function walk(dir, accept, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, accept, out);
    else if (accept(p)) out.push(p);
  }
  return out;
}

const placeholders = (s) =>
  [...s.matchAll(PLACEHOLDER)]
    .map((m) => m[1])
    .sort()
    .join(',');

/** The string value of a literal or a template (substitutions as `${}`), else null. */
function literalText(ts, node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return node.head.text + node.templateSpans.map((s) => '${}' + s.literal.text).join('');
  return null;
}

function propName(ts, p) {
  if (!p.name) return null;
  if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name)) return p.name.text;
  return null;
}

/** The object literal a `const X = {…} as const | satisfies T` declares. */
function objectOf(ts, init) {
  let n = init;
  while (n && (ts.isAsExpression(n) || ts.isSatisfiesExpression?.(n) || ts.isParenthesizedExpression(n)))
    n = n.expression;
  return n && ts.isObjectLiteralExpression(n) ? n : null;
}

export function checkI18n(root) {
  const require = createRequire(join(root, 'package.json'));
  let ts;
  try {
    ts = require('typescript');
  } catch {
    ts = createRequire(import.meta.url)('typescript');
  }
  const problems = [];
  const notes = [];
  const rel = (f) => relative(root, f);
  const parse = (f) => ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);

  // ---- web texts ----
  const textFiles = walk(join(root, 'libs'), (p) => p.endsWith('.texts.ts'));
  const keyHome = new Map(); // key → file
  const texts = new Map(); // key → { zh, en }
  for (const f of textFiles) {
    const sf = parse(f);
    const tables = {};
    ts.forEachChild(sf, (stmt) => {
      if (!ts.isVariableStatement(stmt)) return;
      for (const d of stmt.declarationList.declarations) {
        const name = d.name.getText(sf);
        const m = /^([A-Z_]+)_(ZH|EN)$/.exec(name);
        const obj = m && objectOf(ts, d.initializer);
        if (!obj) continue;
        const entries = {};
        for (const p of obj.properties) {
          const k = propName(ts, p);
          if (k && ts.isPropertyAssignment(p)) entries[k] = literalText(ts, p.initializer) ?? '';
        }
        (tables[m[1]] ??= {})[m[2]] = entries;
      }
    });
    for (const [bundle, { ZH = {}, EN = {} }] of Object.entries(tables)) {
      for (const k of Object.keys(ZH)) {
        if (!(k in EN)) problems.push(`${rel(f)}: ${bundle} key '${k}' has no English text`);
        else if (placeholders(ZH[k]) !== placeholders(EN[k]))
          problems.push(`${rel(f)}: '${k}' has other placeholders in zh and en`);
        if (!ZH[k].trim()) problems.push(`${rel(f)}: '${k}' is empty in zh`);
        if (keyHome.has(k) && keyHome.get(k) !== f)
          problems.push(`'${k}' is in two bundles: ${rel(keyHome.get(k))} and ${rel(f)}`);
        keyHome.set(k, f);
        texts.set(k, { zh: ZH[k], en: EN[k] });
      }
      for (const k of Object.keys(EN))
        if (!(k in ZH)) problems.push(`${rel(f)}: ${bundle} key '${k}' has no Chinese text`);
    }
  }

  // ---- web uses ----
  const webSources = [
    ...walk(join(root, 'libs'), (p) => /\/web\/src\//.test(p) && /\.(ts|html)$/.test(p)),
    ...walk(join(root, 'apps/web/src'), (p) => /\.(ts|html)$/.test(p)),
  ].filter((p) => !p.endsWith('.texts.ts') && !p.endsWith('.spec.ts') && !p.endsWith('test-setup.ts'));
  const literals = new Set();
  const prefixes = new Set();
  const explicit = []; // [key, file]
  for (const f of webSources) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/['"`]([a-zA-Z][\w-]*(?:\.[\w-]+)+)['"`]/g)) literals.add(m[1]);
    for (const m of src.matchAll(/[`'"]([a-zA-Z][\w]*(?:\.[\w]+)*\.)(?:\$\{|['"]\s*\+)/g)) prefixes.add(m[1]);
    for (const m of src.matchAll(/\bt\(\s*['"]([a-zA-Z][\w]*(?:\.[\w-]+)+)['"]/g)) explicit.push([m[1], f]);
    for (const m of src.matchAll(/\btitle:\s*['"]([a-zA-Z][\w]*(?:\.[\w-]+)+)['"]/g)) explicit.push([m[1], f]);
  }
  for (const [k, f] of explicit) if (!texts.has(k)) problems.push(`${rel(f)}: uses '${k}', which no text bundle has`);
  for (const k of texts.keys()) {
    const used = literals.has(k) || [...prefixes].some((p) => k.startsWith(p));
    if (!used) problems.push(`${rel(keyHome.get(k))}: '${k}' is used nowhere (a dead key)`);
  }

  // ---- message catalogues ----
  const messageFiles = walk(join(root, 'libs'), (p) => /\/model\/src\/lib\/[\w-]*messages\.ts$/.test(p));
  const codes = new Map(); // code → file
  const entities = new Set();
  for (const f of messageFiles) {
    const sf = parse(f);
    const visit = (node) => {
      if (ts.isVariableDeclaration(node) && /_MESSAGES$/.test(node.name.getText(sf))) {
        const obj = objectOf(ts, node.initializer);
        for (const p of obj?.properties ?? []) {
          const code = propName(ts, p);
          if (!code || !ts.isPropertyAssignment(p)) continue;
          if (!CODE.test(code)) problems.push(`${rel(f)}: '${code}' is not a code (area.reason, lower case)`);
          if (codes.has(code))
            problems.push(`code '${code}' is in two catalogues: ${rel(codes.get(code))} and ${rel(f)}`);
          codes.set(code, f);
          const entry = objectOf(ts, p.initializer);
          const lang = {};
          for (const q of entry?.properties ?? []) {
            const n = propName(ts, q);
            if ((n === 'zh' || n === 'en') && ts.isPropertyAssignment(q)) lang[n] = literalText(ts, q.initializer);
          }
          if (!lang.zh) problems.push(`${rel(f)}: '${code}' has no Chinese text`);
          if (!lang.en) problems.push(`${rel(f)}: '${code}' has no English text`);
          if (lang.zh && lang.en && placeholders(lang.zh) !== placeholders(lang.en))
            problems.push(`${rel(f)}: '${code}' has other placeholders in zh and en`);
        }
      }
      if (ts.isPropertyAssignment(node) && propName(ts, node) === 'entity') {
        const obj = objectOf(ts, node.initializer);
        for (const p of obj?.properties ?? []) {
          const n = propName(ts, p);
          if (n) entities.add(n);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }

  // ---- codes raised ----
  const serverSources = [
    ...walk(join(root, 'libs'), (p) => /\/(server|model)\/src\//.test(p) && p.endsWith('.ts')),
    ...walk(join(root, 'apps/api/src'), (p) => p.endsWith('.ts')),
    ...walk(join(root, 'apps/worker/src'), (p) => p.endsWith('.ts')),
  ].filter((p) => !p.endsWith('.spec.ts') && !/messages\.ts$/.test(p) && !/\/testing\//.test(p));
  const raised = new Map(); // code → file
  const legacyEntities = new Set();
  const C = `'([a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)+)'`;
  const patterns = [
    // coded(…), badRequest(…), new DomainError(…), orgError(…), refusal(…): any call with a code first
    new RegExp(`\\b[A-Za-z_]\\w*(?:<[^>]*>)?\\(\\s*${C}`, 'g'),
    new RegExp(`\\bnotOwnReason:\\s*${C}`, 'g'),
    new RegExp(`\\bhttpError\\([^,()]+,\\s*${C}`, 'g'),
    new RegExp(`\\bmessage:\\s*${C}`, 'g'),
    new RegExp(`\\bcode:\\s*${C}`, 'g'),
  ];
  for (const f of serverSources) {
    const src = readFileSync(f, 'utf8');
    for (const re of patterns) for (const m of src.matchAll(re)) raised.set(m[1], f);
    // the exception filter's and the ValidationPipe's maps of codes
    if (/(common\/(api-exception\.filter|validation)|stage-machine)\.ts$/.test(f))
      for (const m of src.matchAll(new RegExp(`^\\s*['"\\w]+:\\s*${C},?$`, 'gm'))) raised.set(m[1], f);
    for (const m of src.matchAll(/\bnotFound\(\s*'([^']+)'/g)) {
      if (/[\u3400-\u9fff]/.test(m[1])) legacyEntities.add(`${rel(f)}: ${m[1]}`);
      else if (!entities.has(m[1]))
        problems.push(`${rel(f)}: notFound('${m[1]}') names no entity label of the catalogues`);
    }
  }
  // only the areas the catalogues use (`o.code` in SQL, `organisation.create` as an audit action are no codes)
  const areas = new Set([...codes.keys()].map((c) => c.split('.')[0]));
  for (const [code, f] of raised)
    if (areas.has(code.split('.')[0]) && !codes.has(code))
      problems.push(`${rel(f)}: raises '${code}', which no catalogue has`);
  const unraised = [...codes.keys()].filter((c) => !raised.has(c));
  if (unraised.length)
    notes.push(
      `${unraised.length} catalogue codes raised by no converted code yet (typed factories or assessment-server): ${unraised.join(', ')}`,
    );

  if (legacyEntities.size)
    notes.push(
      `notFound with a Chinese name (code not yet converted; shown as it is): ${[...legacyEntities].join('; ')}`,
    );
  return { problems, notes, counts: { texts: texts.size, codes: codes.size, raised: raised.size } };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url));
  const { problems, notes, counts } = checkI18n(root);
  for (const n of notes) console.log(`note: ${n}`);
  for (const p of problems) console.error(`i18n: ${p}`);
  console.log(
    `${counts.texts} text keys, ${counts.codes} error codes (${counts.raised} raised in code): ${problems.length ? `${problems.length} problems` : 'ok'}`,
  );
  process.exit(problems.length ? 1 : 0);
}
