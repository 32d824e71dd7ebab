import type { ConformanceResult } from '@sparseout/conformance';

/** One cell group of the matrix: an adapter run in one environment (all its backends). */
export interface AdapterRun {
  specifier: string;
  environment: string;
  /** The suite's result, when the adapter ran. */
  result?: ConformanceResult;
  /** Why it did not run (not built, breaks the contract, no browser, cannot be bundled). */
  notRun?: string;
  /** true when the reason it did not run is a defect (load failure, contract violation). */
  broken?: boolean;
  /** Backends not run here because the environment lacks what they need (no WebGPU adapter). */
  skipped?: { backend: string; reason: string }[];
}

/** Progress reporting shared by the Node and the browser runs. */
export interface ProgressSink {
  start(label: string, total: number): void;
  update(done: number, detail: string): void;
  stop(): void;
}
