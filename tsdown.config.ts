import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'tsdown';

// One entry per subpath export: the core, the operators and every integration under
// src/integrations/<name>/index.ts (package.json lists the same names).
const integrations = readdirSync('src/integrations').filter((name) => existsSync(`src/integrations/${name}/index.ts`));

export default defineConfig({
  entry: {
    index: 'index.ts',
    operators: 'operators/index.ts',
    ...Object.fromEntries(integrations.map((name) => [name, `src/integrations/${name}/index.ts`])),
  },
  format: ['esm', 'cjs'],
  // package.json is "type": "module": ESM as .js/.d.ts, CJS as .cjs/.d.cts.
  fixedExtension: false,
  dts: true,
  clean: true,
  sourcemap: true,
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
});
