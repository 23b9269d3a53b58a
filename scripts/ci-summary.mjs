// Prints the closing line of a CI run, "N passed, M failed", from vitest's JSON report. A failure
// before the tests ran (install, typecheck, lint, cycles) counts as one failed check.
import { existsSync, readFileSync } from 'node:fs';

const [reportPath, exitCode] = process.argv.slice(2);
let passed = 0;
let failed = 0;
if (reportPath && existsSync(reportPath)) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTests ?? 0);
  // A test file that failed to load counts as a failure even though it reports no test.
  for (const suite of report.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed += 1;
  }
}
if (Number(exitCode) !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
