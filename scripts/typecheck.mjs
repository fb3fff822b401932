// node scripts/typecheck.mjs — the strict typecheck of every project's tsconfig.app/lib/spec.json (and the
// cross-app tests' test/support/tsconfig.json). Exit 1 if any fails.
//
// Checking each config on its own re-reads and re-checks the shared libraries (imported as sources through
// tsconfig.base.json's paths) ~47 times. Configs whose resolved compiler options are identical are therefore
// checked together: one `tsc --noEmit` per group over the union of their files (a generated tsconfig that
// extends the group's first config, so every option and path resolves exactly as in the project's own file).
// A file's diagnostics depend only on the options and the program, so a group finds what its members would.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const work = join(root, 'tmp/typecheck');

function projectDirs(dir, depth) {
  if (!existsSync(dir)) return [];
  if (existsSync(join(dir, 'project.json'))) return [dir];
  if (depth === 0) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'))
    .flatMap((e) => projectDirs(join(dir, e.name), depth - 1));
}

const configs = [...projectDirs(join(root, 'apps'), 2), ...projectDirs(join(root, 'libs'), 3)]
  .flatMap((dir) => ['tsconfig.app.json', 'tsconfig.lib.json', 'tsconfig.spec.json'].map((f) => join(dir, f)))
  .concat(join(root, 'test/support/tsconfig.json'))
  .filter((f) => existsSync(f));

/** The resolved options (without the output folder) and the absolute root files of one config. */
function resolved(config) {
  const out = spawnSync(process.execPath, [tsc, '--showConfig', '-p', config], { cwd: root, encoding: 'utf8' });
  if (out.status !== 0)
    throw new Error(`tsc --showConfig -p ${relative(root, config)} failed:\n${out.stdout}${out.stderr}`);
  const shown = JSON.parse(out.stdout);
  const options = { ...shown.compilerOptions };
  delete options.outDir;
  delete options.tsBuildInfoFile;
  // relative paths in shown options are relative to the config's folder: make the key comparable
  for (const k of ['baseUrl', 'rootDir'])
    if (typeof options[k] === 'string') options[k] = resolve(dirname(config), options[k]);
  const files = (shown.files ?? []).map((f) => resolve(dirname(config), f));
  return { key: createHash('sha256').update(JSON.stringify(options)).digest('hex'), files };
}

const groups = new Map();
for (const config of configs) {
  const { key, files } = resolved(config);
  const g = groups.get(key) ?? { configs: [], files: new Set() };
  g.configs.push(config);
  for (const f of files) g.files.add(f);
  groups.set(key, g);
}

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const jobs = [...groups.values()].map((g, i) => {
  if (g.configs.length === 1) return { label: relative(root, g.configs[0]), config: g.configs[0], members: g.configs };
  const config = join(work, `group-${i + 1}.json`);
  writeFileSync(
    config,
    JSON.stringify(
      { extends: g.configs[0], compilerOptions: { noEmit: true }, files: [...g.files].sort(), include: [] },
      null,
      2,
    ),
  );
  return { label: `${g.configs.length} configs, ${g.files.size} files`, config, members: g.configs };
});

function check(job) {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(process.execPath, [tsc, '--noEmit', '-p', job.config], { cwd: root });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      const members =
        job.members.length > 1 ? `\n     ${job.members.map((m) => relative(root, m)).join('\n     ')}` : '';
      process.stdout.write(
        `${code === 0 ? 'ok  ' : 'FAIL'} ${job.label} (${secs} s)${members}\n${code === 0 ? '' : out}`,
      );
      done(code === 0);
    });
  });
}

// the largest groups first, two at a time
const queue = [...jobs].sort((a, b) => b.members.length - a.members.length);
let ok = true;
const workers = Array.from({ length: Math.max(1, Math.min(2, cpus().length)) }, async () => {
  while (queue.length) if (!(await check(queue.shift()))) ok = false;
});
await Promise.all(workers);
process.stdout.write(
  `${configs.length} tsconfig files checked in ${jobs.length} groups of identical options: ${ok ? 'all pass' : 'failures above'}\n`,
);
process.exit(ok ? 0 : 1);
