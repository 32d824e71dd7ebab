// Runs a command as a child process and resolves with its exit code and output. One helper for
// every step of the release tooling, so each step reports the same way when it fails.
import { spawn } from 'node:child_process';

/**
 * @typedef {object} RunOptions
 * @property {string} [cwd] working directory
 * @property {NodeJS.ProcessEnv} [env] environment (defaults to this process's)
 * @property {boolean} [capture] collect stdout/stderr instead of streaming them to this terminal
 * @property {boolean} [allowFailure] resolve instead of rejecting on a non-zero exit code
 */

/**
 * @typedef {object} RunResult
 * @property {number} code exit code (1 when killed by a signal)
 * @property {string} stdout captured standard output ('' when streamed)
 * @property {string} stderr captured standard error ('' when streamed)
 */

/** The error of a command that exited non-zero; carries what it printed. */
export class CommandError extends Error {
  /**
   * @param {string} command
   * @param {RunResult} result
   */
  constructor(command, result) {
    const output = `${result.stdout}${result.stderr}`.trim();
    super(`\`${command}\` exited with code ${result.code}${output ? `\n${output}` : ''}`);
    this.name = 'CommandError';
    this.result = result;
  }
}

/**
 * Runs `command args...` and waits for it to exit.
 * @param {string} command
 * @param {string[]} args
 * @param {RunOptions} [options]
 * @returns {Promise<RunResult>}
 */
export function run(command, args, options = {}) {
  const { cwd, env = process.env, capture = false, allowFailure = false } = options;
  const printable = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { code: code ?? 1, stdout, stderr };
      if (result.code !== 0 && !allowFailure) reject(new CommandError(printable, result));
      else resolve(result);
    });
  });
}
