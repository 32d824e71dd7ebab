import type { ConformanceResult } from '../result.js';

/** The result as JSON (the structure of ConformanceResult, one or several runs). */
export function formatJson(results: ConformanceResult | ConformanceResult[]): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}
