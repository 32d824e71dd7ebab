import os from 'node:os';

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
}

/** Describes this machine and the command that is running. */
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
  };
}
