// A stack of clean-up steps run in reverse order, whatever happens: after success, after a
// failure, and on SIGINT/SIGTERM. The release test registers each resource (temporary folder,
// registry process) here the moment it exists, so nothing outlives the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @typedef {object} CleanupStack
 * @property {(label: string, step: () => unknown) => void} defer registers a clean-up step
 * @property {(prefix: string) => string} tempDir creates a temporary folder removed at clean-up
 * @property {() => Promise<string[]>} runAll runs every step once, newest first; returns failures
 */

/** @returns {CleanupStack} */
export function createCleanupStack() {
  /** @type {{ label: string, step: () => unknown }[]} */
  const steps = [];
  return {
    defer(label, step) {
      steps.push({ label, step });
    },
    tempDir(prefix) {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      steps.push({ label: `remove ${dir}`, step: () => rmSync(dir, { recursive: true, force: true }) });
      return dir;
    },
    async runAll() {
      const failures = [];
      while (steps.length > 0) {
        const { label, step } = /** @type {{ label: string, step: () => unknown }} */ (steps.pop());
        try {
          await step();
        } catch (error) {
          failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return failures;
    },
  };
}

/**
 * Runs `body` with a fresh clean-up stack and always runs the stack afterwards, also when `body`
 * throws or the process receives SIGINT or SIGTERM (then it exits 130 or 143 after cleaning up).
 * @template T
 * @param {(stack: CleanupStack) => Promise<T>} body
 * @returns {Promise<T>}
 */
export async function withCleanup(body) {
  const stack = createCleanupStack();
  /** @param {NodeJS.Signals} signal */
  const onSignal = (signal) => {
    console.error(`\nReceived ${signal}: cleaning up.`);
    stack.runAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await body(stack);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    const failures = await stack.runAll();
    for (const failure of failures) console.error(`clean-up failed: ${failure}`);
  }
}
