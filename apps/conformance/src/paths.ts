import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app's own directory (apps/conformance), from src/ or dist/. */
export const appDirectory = fileURLToPath(new URL('..', import.meta.url));

/** The workspace root: the nearest directory above the app holding pnpm-workspace.yaml. */
export function workspaceRoot(from: string = appDirectory): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}

/** Where reports go: apps/conformance/out (git-ignored). */
export const outDirectory = join(appDirectory, 'out');
