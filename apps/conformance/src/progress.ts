import cliProgress from 'cli-progress';
import type { ProgressSink } from './types.js';

/**
 * Progress on stderr: a cli-progress bar per run on a terminal; one line per finished run
 * otherwise (CI logs).
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): ProgressSink {
  const interactive = Boolean(stream.isTTY);
  let bar: cliProgress.SingleBar | undefined;
  let label = '';
  let started = 0;
  return {
    start(name, total) {
      label = name;
      started = Date.now();
      if (!interactive) return;
      bar = new cliProgress.SingleBar(
        {
          format: '{label} [{bar}] {value}/{total} {detail}',
          stream,
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { label, detail: '' });
    },
    update(done, detail) {
      bar?.update(done, { label, detail });
    },
    stop() {
      bar?.stop();
      bar = undefined;
      stream.write(`ran ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    },
  };
}
