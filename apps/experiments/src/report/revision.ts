import { execFileSync } from 'node:child_process';

/** The git commit of the working tree and whether it had uncommitted changes, or null outside git. */
export function gitRevision(cwd: string): { commit: string; dirty: boolean } | null {
  try {
    const run = (args: string[]) =>
      execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const commit = run(['rev-parse', 'HEAD']).trim();
    // Only the code matters: packages/ and apps/ (results written to docs/ do not make a run dirty).
    const dirty = run(['status', '--porcelain', '--', 'packages', 'apps']).trim().length > 0;
    return { commit, dirty };
  } catch {
    return null;
  }
}
