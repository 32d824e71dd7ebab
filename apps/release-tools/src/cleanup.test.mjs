import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCleanupStack, withCleanup } from './cleanup.mjs';

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('clean-up', () => {
  it('runs every step newest first and reports the ones that fail', async () => {
    const stack = createCleanupStack();
    /** @type {string[]} */
    const order = [];
    stack.defer('first', () => order.push('first'));
    stack.defer('broken', () => {
      throw new Error('boom');
    });
    stack.defer('last', () => order.push('last'));
    expect(await stack.runAll()).toEqual(['broken: boom']);
    expect(order).toEqual(['last', 'first']);
    expect(await stack.runAll()).toEqual([]);
  });

  it('removes temporary folders and stops processes when the body throws', async () => {
    /** @type {string} */
    let dir = '';
    /** @type {number} */
    let pid = 0;
    const failure = withCleanup(async (stack) => {
      dir = stack.tempDir('sparseout-cleanup-test-');
      const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      pid = /** @type {number} */ (child.pid);
      stack.defer('stop child', async () => {
        child.kill('SIGTERM');
        await exited;
      });
      expect(existsSync(dir)).toBe(true);
      expect(alive(pid)).toBe(true);
      throw new Error('publish failed');
    });
    await expect(failure).rejects.toThrow('publish failed');
    expect(existsSync(dir)).toBe(false);
    expect(alive(pid)).toBe(false);
  });
});
