import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from './exec.mjs';
import { fixtureRepo, manifestText } from './fixture-repo.mjs';
import { changelogHasVersion, releasePlan } from './release-guards.mjs';

const REGISTRY = 'http://127.0.0.1:9/';
const RELEASE_SCRIPT = fileURLToPath(new URL('./release.mjs', import.meta.url));

/** @type {(() => void)[]} */
const removals = [];
afterEach(() => {
  for (const remove of removals.splice(0)) remove();
});

/** A repo with a public package `@sparseout/a` at `version` (CHANGELOG given) and a private app. */
async function repo(version = '0.1.0', changelog = '# @sparseout/a\n\n## 0.1.0\n\n- First.\n') {
  const fixture = await fixtureRepo({
    'packages/a/package.json': manifestText('@sparseout/a', version),
    'packages/a/CHANGELOG.md': changelog,
    'apps/app/package.json': manifestText('app', '0.0.0', true),
    '.changeset/README.md': '# Changesets\n',
  });
  removals.push(fixture.remove);
  return fixture;
}

/** A registry lookup that records its calls and answers from `published`. */
function lookup(published = new Set()) {
  /** @type {string[]} */
  const calls = [];
  /** @param {string} name @param {string} version */
  const published_ = async (name, version) => {
    calls.push(`${name}@${version}`);
    return published.has(`${name}@${version}`);
  };
  return { calls, published: published_ };
}

describe('pnpm release refuses bad input and publishes nothing', () => {
  it('refuses a tree with uncommitted changes, naming them, before asking the registry', async () => {
    const fixture = await repo();
    fixture.write('packages/a/src.ts', 'export {};\n');
    const registry = lookup();
    const plan = await releasePlan(fixture.root, registry.published, REGISTRY);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.reason).toBe('uncommitted-changes');
    expect(plan.message).toContain('?? packages/a/src.ts');
    expect(plan.message).toContain('Nothing was published.');
    expect(registry.calls).toEqual([]);
  });

  it('refuses changesets that version-packages has not applied yet', async () => {
    const fixture = await repo();
    fixture.write('.changeset/brave-cats.md', '---\n"@sparseout/a": patch\n---\n\nFix.\n');
    await fixture.commit();
    const plan = await releasePlan(fixture.root, lookup().published, REGISTRY);
    expect(plan.ok ? 'ok' : plan.reason).toBe('unapplied-changesets');
    expect(plan.ok ? '' : plan.message).toMatch(/pnpm version-packages.*\n?.*commit/s);
  });

  it('says there is nothing to release when no changeset produced a version', async () => {
    const fixture = await repo('0.0.0', '# @sparseout/a\n');
    const registry = lookup();
    const plan = await releasePlan(fixture.root, registry.published, REGISTRY);
    expect(plan.ok ? 'ok' : plan.reason).toBe('nothing-to-release');
    expect(plan.ok ? '' : plan.message).toContain('pnpm changeset');
    expect(registry.calls).toEqual([]);
  });

  it('says there is nothing to release when every version is already published', async () => {
    const fixture = await repo();
    const registry = lookup(new Set(['@sparseout/a@0.1.0']));
    const plan = await releasePlan(fixture.root, registry.published, REGISTRY);
    expect(plan.ok ? 'ok' : plan.reason).toBe('nothing-to-release');
    expect(registry.calls).toEqual(['@sparseout/a@0.1.0']);
  });

  it('refuses an unpublished version that no changeset produced', async () => {
    const fixture = await repo();
    fixture.write('packages/b/package.json', manifestText('@sparseout/b', '0.0.0'));
    fixture.write('packages/b/CHANGELOG.md', '# @sparseout/b\n');
    await fixture.commit();
    const plan = await releasePlan(fixture.root, lookup().published, REGISTRY);
    expect(plan.ok ? 'ok' : plan.reason).toBe('version-without-changeset');
    expect(plan.ok ? '' : plan.message).toContain('@sparseout/b@0.0.0');
  });

  it('plans the versioned, unpublished public packages and skips private ones', async () => {
    const fixture = await repo();
    const plan = await releasePlan(fixture.root, lookup().published, REGISTRY);
    expect(plan).toEqual({ ok: true, toPublish: [{ name: '@sparseout/a', version: '0.1.0' }] });
  });

  it('the release command exits 1 with the explanation and builds nothing', async () => {
    const fixture = await repo();
    fixture.write('uncommitted.txt', 'x\n');
    const result = await run(process.execPath, [RELEASE_SCRIPT], {
      cwd: fixture.root,
      env: { ...process.env, SPARSEOUT_RELEASE_ROOT: fixture.root },
      capture: true,
      allowFailure: true,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('uncommitted changes');
    expect(result.stderr).toContain('Nothing was published.');
    expect(result.stdout).not.toContain('Releasing to');
  });
});

describe('changelog entries', () => {
  it('matches the exact version heading changeset version writes', async () => {
    const fixture = await repo('0.1.0', '# @sparseout/a\n\n## 0.1.10\n\n## 0.1.0\n');
    expect(changelogHasVersion(`${fixture.root}/packages/a`, '0.1.0')).toBe(true);
    expect(changelogHasVersion(`${fixture.root}/packages/a`, '0.1.1')).toBe(false);
  });
});
