import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// Runs the NestJS suite one folder up against NestJS 12 and the packed library: the suite's
// package imports resolve from this folder's node_modules (NestJS 12, rxjs, the tarball of
// rxjs-circuit-breaker) and its './lib.js' is this folder's lib.ts. Only `vitest` itself
// stays the running one. Run through run.sh.
const here = dirname(fileURLToPath(import.meta.url));
const suite = resolve(here, '..');
const anchor = join(here, 'lib.ts');

function nest12(): Plugin {
  return {
    name: 'nest12-suite',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (importer === undefined || !importer.startsWith(`${suite}/`) || importer.startsWith(`${here}/`)) return null;
      if (source === './lib.js' && dirname(importer) === suite) return anchor;
      if (source === '../lib.js' && dirname(dirname(importer)) === suite) return anchor;
      if (/^(node:|\.|\/)/.test(source) || source === 'vitest' || source.startsWith('vitest/')) return null;
      return this.resolve(source, anchor, { skipSelf: true });
    },
  };
}

export default defineConfig({
  root: suite,
  // Vite's cache would otherwise go to the suite's folder.
  cacheDir: join(here, 'node_modules/.vite'),
  plugins: [nest12()],
  test: {
    include: ['*.test.ts'],
    testTimeout: 15_000,
    env: { NESTJS_SUITE: 'nest12' },
  },
});
