import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { transform } from 'esbuild';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Vite 8 transforms TypeScript with oxc, which lowers legacy (`experimentalDecorators`)
 * decorators but not TC39 standard ones, and Node 20 cannot run those. Files that use
 * decorators under a tsconfig without `experimentalDecorators` go through esbuild first.
 */
function standardDecorators(): Plugin {
  const legacyByDir = new Map<string, boolean>();
  const usesLegacy = (dir: string): boolean => {
    const known = legacyByDir.get(dir);
    if (known !== undefined) return known;
    const file = join(dir, 'tsconfig.json');
    let legacy: boolean;
    if (existsSync(file)) {
      legacy = /"experimentalDecorators"\s*:\s*true/.test(readFileSync(file, 'utf8'));
    } else {
      const parent = dirname(dir);
      legacy = parent === dir ? false : usesLegacy(parent);
    }
    legacyByDir.set(dir, legacy);
    return legacy;
  };
  return {
    name: 'standard-decorators',
    enforce: 'pre',
    async transform(code, id) {
      if (!/\.tsx?$/.test(id) || !/\/(test|examples)\//.test(id) || id.includes('/node_modules/') || !/@[A-Za-z_$]/.test(code)) return null;
      if (usesLegacy(dirname(id))) return null;
      const result = await transform(code, { loader: 'ts', target: 'es2022', sourcemap: true, sourcefile: id });
      return { code: result.code, map: result.map };
    },
  };
}

export default defineConfig({
  plugins: [standardDecorators()],
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', '**/node_modules/**', 'test/integrations/nestjs/nest12/**'],
    coverage: {
      provider: 'v8',
      // Every source file, the integrations included: their suites run against real servers in CI.
      include: ['src/**/*.ts', 'operators/**/*.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: { lines: 95, branches: 90 },
    },
  },
});
