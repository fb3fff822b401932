// node scripts/typecheck.mjs — `tsc --noEmit -p` for every project's tsconfig.app/lib/spec.json
// (and the cross-app tests' test/support/tsconfig.json), two at a time. Exit 1 if any fails.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');

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

function check(config) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [tsc, '--noEmit', '-p', config], {
      cwd: root,
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => {
      const name = relative(root, config);
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`${code === 0 ? 'ok  ' : 'FAIL'} ${name} (${secs} s)\n${code === 0 ? '' : out}`);
      resolve(code === 0);
    });
  });
}

const queue = [...configs];
let ok = true;
const workers = Array.from({ length: Math.max(1, Math.min(2, cpus().length)) }, async () => {
  while (queue.length) if (!(await check(queue.shift()))) ok = false;
});
await Promise.all(workers);
process.stdout.write(`${configs.length} tsconfig files checked: ${ok ? 'all pass' : 'failures above'}\n`);
process.exit(ok ? 0 : 1);
