// node scripts/jest-count.mjs <jest --json output file> <jest exit code>
// Prints "<passed> <failed> <skipped> <todo>": the tests jest ran, plus one failure for each suite that failed
// without a failing test (compile error, crash) and one when jest failed and wrote no report; skipped counts
// the pending tests (.skip, xit, and the rest of a file with a focused test), todo the it.todo ones.
import { existsSync, readFileSync } from 'node:fs';

const [file, exitCode] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
let todo = 0;
if (existsSync(file)) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    passed = r.numPassedTests;
    failed = r.numFailedTests;
    skipped = r.numPendingTests ?? 0;
    todo = r.numTodoTests ?? 0;
    for (const suite of r.testResults ?? []) {
      const failedInSuite = (suite.assertionResults ?? []).filter((a) => a.status === 'failed').length;
      if (suite.status === 'failed' && failedInSuite === 0) failed++;
    }
    if (exitCode !== '0' && failed === 0) failed = 1;
  } catch {
    failed = 1;
  }
} else {
  failed = 1;
}
process.stdout.write(`${passed} ${failed} ${skipped} ${todo}\n`);
