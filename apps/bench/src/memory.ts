import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = () => void;

let collect: Collect | undefined;

/**
 * A full garbage collection. Uses the global `gc` of `node --expose-gc` (how `pnpm bench` starts),
 * or exposes it on the fly when run without the flag.
 */
export function collectGarbage(): void {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: Collect }).gc;
    if (typeof exposed === 'function') collect = exposed;
    else {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as Collect;
    }
  }
  collect();
}

/**
 * Heap bytes per call: V8's used heap after `calls` calls of `fn` minus before, divided by `calls`,
 * with no collection in between (a full collection before, after a warm-up so the code is
 * optimised), in `windows` windows; the median window is returned, so a one-off allocation in one
 * window (V8 re-optimising a function, say) does not pass for a per-call cost. About 0 for a call
 * that allocates nothing.
 */
export function heapBytesPerCall(fn: () => unknown, calls = 10_000, warmup = 5_000, windows = 5): number {
  for (let i = 0; i < warmup; i++) fn();
  const perWindow: number[] = [];
  for (let w = 0; w < windows; w++) {
    collectGarbage();
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < calls; i++) fn();
    const after = process.memoryUsage().heapUsed;
    perWindow.push((after - before) / calls);
  }
  perWindow.sort((a, b) => a - b);
  return perWindow[Math.floor(windows / 2)];
}
