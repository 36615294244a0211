#!/usr/bin/env node
// `npm test`: the whole suite, as CI runs it. Static checks, a production build (the UI and CLI
// tests drive the built app), then every vitest project: unit, integration, ui, e2e. Ends with one
// plain line of totals, "N passed, N failed, N skipped", and exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const extra = process.argv.slice(2);

function step(title, cmd, args) {
  process.stdout.write(`\n=== ${title}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

let failedSteps = 0;
const checks = [
  ['typecheck (node)', npx, ['tsc', '--noEmit', '-p', 'tsconfig.node.json']],
  ['typecheck (web)', npx, ['tsc', '--noEmit', '-p', 'tsconfig.web.json']],
  ['lint', npx, ['eslint', '.']],
  ['format', npx, ['prettier', '--check', '.']],
];
if (!process.env.DPA_SKIP_CHECKS) {
  for (const [title, cmd, args] of checks) {
    if (step(title, cmd, args) !== 0) {
      failedSteps++;
    }
  }
}
if (step('build', npx, ['electron-vite', 'build']) !== 0) {
  console.log('\nbuild failed: the UI, CLI and e2e tests need the built app');
  console.log(`0 passed, ${failedSteps + 1} failed`);
  process.exit(1);
}

mkdirSync(join(root, 'test-results'), { recursive: true });
const report = join(root, 'test-results', 'vitest.json');
const code = step('tests', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
]);

let passed = 0;
let failed = failedSteps;
let skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else if (code !== 0) {
  failed++;
}
if (code !== 0 && failed === 0) {
  failed = 1;
}
if (failedSteps) {
  console.log(`\n${failedSteps} check step(s) failed (see above)`);
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
