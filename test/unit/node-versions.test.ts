import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { LAMBDA_BUNDLE } from '../../infra/bundle.ts';

// npm's own range logic (semver is in every npm tree; only two functions are needed, so no @types package).
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
};

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};
const promise = pkg.engines.node;
/** The oldest Node of each alternative of the promise: the versions a person following the README may run. */
const oldestPromised = promise.split('||').map((part) => semver.minVersion(part.trim())!.version);

describe('the Node version the project promises is the one its dependencies, CI and Lambda need', () => {
  it('every installed package (test tools included) runs on the oldest promised Node', () => {
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const need = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
      if (!path || !need) continue;
      for (const v of oldestPromised) if (!semver.satisfies(v, need)) refused.push(`${path.replace(/^.*node_modules\//, '')} needs ${need}, not ${v}`);
    }
    expect(refused).toEqual([]);
  });

  it('the README promises the same versions as the engines field', () => {
    const readme = readFileSync('README.md', 'utf8');
    const [first, second] = oldestPromised.map((v) => v.replace(/\.0$/, ''));
    expect(readme).toContain(`**Node.js ${first}+ or ${second}+**`);
    expect(readme).not.toMatch(/Node\.js 20\+/);
  });

  it('CI refuses a Node outside the promise and any dependency that would need a newer one', () => {
    const ci = readFileSync('.ci/run', 'utf8');
    expect(ci).toMatch(/npm ci [^\n]*--engine-strict/);
    expect(ci).toContain('engines.node');
  });

  it('the Lambda runtime is a Node the promise covers, and so is this machine', () => {
    const lambdaMajor = /^node(\d+)$/.exec(LAMBDA_BUNDLE.target)?.[1];
    expect(semver.satisfies(`${lambdaMajor}.0.0`, promise)).toBe(true);
    expect(semver.satisfies(process.version, promise)).toBe(true);
  });
});
