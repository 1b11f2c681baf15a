// Bundles the example with esbuild (the one tsup and tsx bring), straight from this
// repository's TypeScript sources, so the example runs without building the package.
//   node examples/angular/build.mjs [out.js]   bundles (into out.js when given) and prints the size
import { build } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Bundles the app and returns its JavaScript. */
export async function buildExample() {
  const result = await build({
    entryPoints: [join(here, 'main.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    tsconfig: join(here, 'tsconfig.json'),
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const js = await buildExample();
  const out = process.argv[2];
  if (out !== undefined) await writeFile(out, js);
  console.log(`bundle: ${(js.length / 1024).toFixed(0)} KiB${out === undefined ? '' : ` written to ${out}`}`);
}
