import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

// One entry per subpath export: the core, the operators, the testing helpers and every
// integration under src/integrations/<name>/index.ts (package.json lists the same names).
const integrations = existsSync('src/integrations')
  ? readdirSync('src/integrations').filter((name) => existsSync(`src/integrations/${name}/index.ts`))
  : [];

export default defineConfig({
  entry: {
    index: 'index.ts',
    operators: 'operators/index.ts',
    ...(existsSync('src/testing/index.ts') ? { testing: 'src/testing/index.ts' } : {}),
    ...Object.fromEntries(integrations.map((name) => [name, `src/integrations/${name}/index.ts`])),
  },
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
  outDir: 'dist',
});
