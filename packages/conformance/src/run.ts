import type { ConformanceEnvironment, SparseoutAdapter } from './adapter.js';
import { type Check, type CheckContext, CheckFailure } from './check.js';
import { allChecks } from './clauses/index.js';
import {
  type BackendResult,
  type CheckResult,
  type ConformanceResult,
  type ProgressEvent,
  summarize,
} from './result.js';
import { validateAdapter } from './validate.js';

/** Options of `runConformance`. */
export interface RunOptions {
  /** Run only this backend (one of `adapter.backends`); default: every backend. */
  backend?: string;
  /** Where the run happens, passed to `adapter.setup`. Default `{ name: 'node' }`. */
  environment?: ConformanceEnvironment;
  /** Called before and after each check. */
  onProgress?: (event: ProgressEvent) => void;
  /** Run only the checks whose clause id starts with one of these prefixes, e.g. ['S2', 'S4.2']. */
  only?: readonly string[];
  /**
   * A check still running after this long fails as hung, and a setup or teardown fails its backend.
   * Default 300000 (5 minutes).
   */
  checkTimeoutMs?: number;
}

/**
 * Rejects with `timedOut()` after `ms`, so a hung adapter fails its check (or its backend, for a
 * setup or teardown) instead of stalling the run.
 */
async function withTimeout<T>(promise: Promise<T>, ms: number, timedOut: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A setup or teardown that gave no result within the check timeout. */
class PhaseTimeout extends Error {}

/**
 * Awaits a setup or teardown call (synchronous throws included), rejecting with PhaseTimeout after
 * `ms`, so a hung one fails its backend as a hung check does instead of stalling the run.
 */
function runPhase(call: () => unknown, ms: number): Promise<unknown> {
  return withTimeout(
    Promise.resolve().then(call),
    ms,
    () => new PhaseTimeout(`no result within ${ms} ms (hung)`),
  );
}

/** A setup or teardown's error for BackendResult.error: 'Error: ...' or 'no result within ... (hung)'. */
function phaseError(error: unknown): string {
  return error instanceof PhaseTimeout ? error.message : errorText(error);
}

/** What a setup or teardown did, for the report: 'threw Error: ...' or 'no result within ... (hung)'. */
function phaseText(error: unknown): string {
  return error instanceof PhaseTimeout ? error.message : `threw ${errorText(error)}`;
}

/** An error for a report: 'RangeError: message', or the thrown value as text. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}

async function runCheck(check: Check, context: CheckContext, timeoutMs: number): Promise<CheckResult> {
  const started = now();
  const base = { id: check.id, title: check.title };
  const reason = check.applies?.(context);
  if (reason !== undefined) return { ...base, status: 'not-applicable', reason, durationMs: 0 };
  try {
    const evidence = await withTimeout(
      check.run(context),
      timeoutMs,
      () => new CheckFailure(`a result within ${timeoutMs} ms`, 'no result (hung)'),
    );
    return { ...base, status: 'passed', ...evidence, durationMs: now() - started };
  } catch (error) {
    const isFailure = error instanceof CheckFailure;
    return {
      ...base,
      status: 'failed',
      expected: isFailure ? error.expected : 'no error',
      measured: isFailure ? error.measured : `threw ${errorText(error)}`,
      durationMs: now() - started,
    };
  }
}

async function runBackend(
  adapter: SparseoutAdapter,
  backend: string,
  checks: readonly Check[],
  options: RunOptions,
): Promise<BackendResult> {
  const environment = options.environment ?? { name: 'node' };
  const context: CheckContext = { adapter, backend, supports: adapter.supports };
  const timeoutMs = options.checkTimeoutMs ?? 300_000;
  try {
    if (adapter.setup) await runPhase(() => adapter.setup?.(backend, environment), timeoutMs);
  } catch (error) {
    const failed: CheckResult[] = checks.map((check) => ({
      id: check.id,
      title: check.title,
      status: 'failed',
      expected: `setup('${backend}') resolves`,
      measured: `setup ${phaseText(error)}`,
      durationMs: 0,
    }));
    return { backend, checks: failed, summary: summarize(failed), error: `setup: ${phaseError(error)}` };
  }
  const results: CheckResult[] = [];
  for (const [index, check] of checks.entries()) {
    const event = {
      adapter: adapter.name,
      backend,
      index,
      total: checks.length,
      id: check.id,
      title: check.title,
    };
    options.onProgress?.(event);
    const result = await runCheck(check, context, timeoutMs);
    results.push(result);
    options.onProgress?.({ ...event, status: result.status });
  }
  let error: string | undefined;
  try {
    if (adapter.teardown) await runPhase(() => adapter.teardown?.(backend), timeoutMs);
  } catch (caught) {
    error = `teardown: ${phaseError(caught)}`;
  }
  return { backend, checks: results, summary: summarize(results), ...(error ? { error } : {}) };
}

/**
 * Runs the conformance suite on an adapter: every check of S1 to S7 on every backend (or the one
 * named), in order, one at a time. Checks that do not apply (per `adapter.supports`) are reported
 * as not applicable with the reason. Never throws for a failing adapter: failures are in the result.
 */
export async function runConformance(
  adapter: SparseoutAdapter,
  options: RunOptions = {},
): Promise<ConformanceResult> {
  const started = now();
  const problems = validateAdapter(adapter);
  if (problems.length > 0) {
    throw new TypeError(`the adapter does not meet the contract: ${problems.join('; ')}`);
  }
  const backends = options.backend === undefined ? adapter.backends : [options.backend];
  if (options.backend !== undefined && !adapter.backends.includes(options.backend)) {
    throw new Error(
      `backend '${options.backend}' is not one of ${adapter.name}'s backends: ${adapter.backends.join(', ')}`,
    );
  }
  const only = options.only;
  const checks = only ? allChecks.filter((c) => only.some((prefix) => c.id.startsWith(prefix))) : allChecks;
  const results: BackendResult[] = [];
  for (const backend of backends) results.push(await runBackend(adapter, backend, checks, options));
  const all = results.flatMap((r) => r.checks);
  const summary = summarize(all);
  const backendFailed = results.some((r) => r.error !== undefined);
  return {
    adapter: adapter.name,
    environment: (options.environment ?? { name: 'node' }).name,
    backends: results,
    summary,
    ok: summary.failed === 0 && summary.passed > 0 && !backendFailed,
    durationMs: now() - started,
  };
}
