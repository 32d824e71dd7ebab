/** The structured outcome of a conformance run: one entry per check, named by its spec clause. */

/** A check either passed, failed, or does not apply to the adapter (never counted as passed). */
export type CheckStatus = 'passed' | 'failed' | 'not-applicable';

/** The outcome of one check. */
export interface CheckResult {
  /** The spec clause the check tests, for example 'S2.6'. Several checks may share a clause. */
  id: string;
  /** What the check asserts, for example 'zero input gives zero'. */
  title: string;
  status: CheckStatus;
  /** Why the check does not apply (from the adapter's `supports` manifest); only for 'not-applicable'. */
  reason?: string;
  /** What the spec requires, in words and numbers. */
  expected?: string;
  /** What the adapter did. */
  measured?: string;
  durationMs: number;
}

/** Counts of a list of checks. */
export interface ConformanceSummary {
  passed: number;
  failed: number;
  notApplicable: number;
}

/** Every check on one backend. */
export interface BackendResult {
  backend: string;
  checks: CheckResult[];
  summary: ConformanceSummary;
  /**
   * Set when `setup` or `teardown` threw or hung (the checks then count as failed when it was
   * setup), and by the CLI for an error the adapter left unhandled: 'setup: ...', 'teardown: ...',
   * 'unhandled rejection: ...', 'uncaught exception: ...'. The run is then not ok.
   */
  error?: string;
}

/** The result of `runConformance`: the adapter, where it ran, and every backend's checks. */
export interface ConformanceResult {
  adapter: string;
  /** 'node', or the browser's name. */
  environment: string;
  backends: BackendResult[];
  summary: ConformanceSummary;
  /** true when no applicable check failed (and at least one check passed). */
  ok: boolean;
  durationMs: number;
}

/** Reported before and after each check. */
export interface ProgressEvent {
  adapter: string;
  backend: string;
  /** 0-based index of the check within the backend's run. */
  index: number;
  total: number;
  id: string;
  title: string;
  /** undefined when the check is about to start. */
  status?: CheckStatus;
}

/** Counts statuses. */
export function summarize(checks: readonly CheckResult[]): ConformanceSummary {
  const summary: ConformanceSummary = { passed: 0, failed: 0, notApplicable: 0 };
  for (const check of checks) {
    if (check.status === 'passed') summary.passed++;
    else if (check.status === 'failed') summary.failed++;
    else summary.notApplicable++;
  }
  return summary;
}
