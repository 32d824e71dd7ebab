#!/usr/bin/env node
// `pnpm release`: checks that there is something to release and that it is committed
// (release-guards.mjs), then builds the public packages and runs `changeset publish`, which
// publishes every version not yet on the registry with `pnpm publish` (turning `workspace:`
// ranges into real semver ranges). Exits non-zero, having published nothing, on bad input; exits
// non-zero when any publish fails.
import { run } from './exec.mjs';
import { isPublished, SCOPE, scopeRegistry } from './registry.mjs';
import { releasePlan } from './release-guards.mjs';
import { publicPackages, repoRoot } from './workspace.mjs';

async function main() {
  const root = process.env.SPARSEOUT_RELEASE_ROOT ?? repoRoot;
  const context = { cwd: root };
  const registry = await scopeRegistry(context);
  const plan = await releasePlan(root, (name, version) => isPublished(name, version, context), registry);
  if (!plan.ok) {
    console.error(plan.message);
    process.exitCode = 1;
    return;
  }
  console.log(`Releasing to ${registry}:`);
  for (const { name, version } of plan.toPublish) console.log(`  ${name}@${version}`);
  const filters = publicPackages(root).map((pkg) => `--filter=${pkg.name}`);
  const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', [`npm_config_${SCOPE}:registry`]: registry };
  await run('pnpm', ['turbo', 'run', 'build', '--output-logs=errors-only', ...filters], { cwd: root, env });
  const publish = await run('pnpm', ['changeset', 'publish'], { cwd: root, env, allowFailure: true });
  if (publish.code !== 0) {
    console.error(`changeset publish failed (exit code ${publish.code}): see the errors above.`);
    process.exitCode = publish.code;
  }
}

await main();
