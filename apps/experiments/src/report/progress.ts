import { MultiBar, Presets, type SingleBar } from 'cli-progress';

/** A running progress bar. */
export interface Progress {
  /** Advances by `by` steps and shows `task` beside the bar. */
  tick(task?: string, by?: number): void;
  stop(): void;
}

/** Starts a bar of `total` steps labelled `label`. */
export type ProgressFactory = (label: string, total: number) => Progress;

/**
 * Progress bars with an ETA on stderr (cli-progress). On a terminal they redraw in place; elsewhere
 * (CI logs) they print a line every 10 s so long runs still show progress.
 */
export function createProgress(): {
  progress: ProgressFactory;
  log: (line: string) => void;
  close: () => void;
} {
  const multi = new MultiBar(
    {
      format:
        '{label} |{bar}| {percentage}% {value}/{total} | {duration_formatted} elapsed, ETA {eta_formatted} | {task}',
      stream: process.stderr,
      clearOnComplete: false,
      hideCursor: true,
      etaBuffer: 20,
      noTTYOutput: true,
      notTTYSchedule: 10_000,
    },
    Presets.shades_classic,
  );
  const progress: ProgressFactory = (label, total) => {
    const bar: SingleBar = multi.create(total, 0, { label: label.padEnd(12), task: '' });
    return {
      tick: (task = '', by = 1) => bar.increment(by, { task }),
      stop: () => {
        bar.stop();
        multi.remove(bar);
        process.stderr.write(`${label}: ${bar.getProgress() >= 1 ? 'done' : 'stopped'} (${total} steps)\n`);
      },
    };
  };
  const log = (line: string) => {
    if (process.stderr.isTTY) multi.log(`${line}\n`);
    else process.stdout.write(`${line}\n`);
  };
  return { progress, log, close: () => multi.stop() };
}
