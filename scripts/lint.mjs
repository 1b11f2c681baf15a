// Fails the build when library code reads the wall clock or starts its own timers:
// every timestamp must come from scheduler.now() and every timer from a scheduler,
// otherwise the library cannot run in virtual time under TestScheduler.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['src', 'operators'];
const forbidden = /\b(Date\.now|setTimeout|setInterval|performance\.now)\b/;
const problems = [];

function walk(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(ts|mts|cts|js)$/.test(path)) check(path);
  }
}

function check(path) {
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, index) => {
    const code = line.replace(/\/\/.*$/, '');
    const match = forbidden.exec(code);
    if (match) problems.push(`${path}:${index + 1}: ${match[1]} is not allowed here; use the scheduler`);
  });
}

for (const root of roots) walk(root);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`lint: ${problems.length} forbidden clock or timer use(s) in src/ or operators/`);
  process.exit(1);
}
console.log('lint: no wall-clock or timer use in src/ and operators/');
