import { onTestFailed } from 'vitest';

/**
 * Marks the steps of a long browser test. When the test fails (a timeout included), the steps it
 * passed are printed with their times, so a CI log says where a flow stopped without a re-run.
 * Call inside the test.
 */
export function stepTrace(name: string): (step: string) => void {
  const start = performance.now();
  const steps: string[] = [];
  onTestFailed(() => {
    console.log(`[${name}] steps before the failure:\n${steps.map((s) => `  ${s}`).join('\n')}`);
  });
  return (step) => {
    steps.push(`+${((performance.now() - start) / 1000).toFixed(1)} s ${step}`);
  };
}
