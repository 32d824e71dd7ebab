import os from 'node:os';

/** os.loadavg(): the 1, 5 and 15 minute load averages (runnable tasks, all tenants of the machine). */
export type LoadAverage = [number, number, number];

/** The machine a benchmark ran on, as the docs and the JSON report state it. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  v8: string;
  platform: string;
  date: string;
  command: string;
  /** Load averages when the run started and when it ended (set by the CLI at the end). */
  loadAverage: { start: LoadAverage; end?: LoadAverage };
}

/** The machine's load averages now. */
export function loadAverage(): LoadAverage {
  const [one, five, fifteen] = os.loadavg();
  return [one, five, fifteen];
}

/** '0.12, 0.34, 0.56 (1, 5, 15 min; 2 cores)': how the output and the docs print a load average. */
export function formatLoadAverage(load: LoadAverage, cores: number): string {
  return `${load.map((v) => v.toFixed(2)).join(', ')} (1, 5, 15 min; ${cores} cores)`;
}

/** Describes this machine and the command that is running; the start load average is taken now. */
export function describeMachine(argv: readonly string[]): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    command: ['pnpm bench', ...argv.filter((a) => a !== '--')].join(' '),
    loadAverage: { start: loadAverage() },
  };
}
