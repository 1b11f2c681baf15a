/**
 * `npm run bench`: every task measured in ONE process, in interleaved rounds (each round
 * runs every task once, in a rotated order), reporting the median of the rounds' p50 ns/op
 * and ratios against baselines measured in the same run. Writes bench-results.json.
 *
 *   npm run bench                  # 7 rounds
 *   npm run bench -- --rounds 3
 *   npm run bench -- --smoke       # 1 short round: does everything still run? (CI)
 */
import { writeFileSync } from 'node:fs';
import { measure } from 'mitata';
import { baselines, failurePaths, ours, peers } from './tasks.js';
import type { Task } from './tasks.js';
import { memory } from './memory.js';
import { redisBench } from './redis.bench.js';
import type { MemoryFigures } from './memory.js';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const roundsArg = args.indexOf('--rounds');
const rounds = smoke ? 1 : roundsArg >= 0 ? Number(args[roundsArg + 1]) : 7;
const minCpuTime = smoke ? 5e6 : 120e6; // ns of measuring per task per round

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) console.warn('run with node --expose-gc (npm run bench does) for the memory figures');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main(): Promise<void> {
  // The Redis store's closed path next to the local one (skipped without a redis-server).
  const redis = await redisBench();
  const tasks: Task[] = [...baselines(), ...ours(), ...failurePaths(), ...peers(), ...redis.tasks];
  const samples = new Map<string, number[]>(tasks.map((t) => [t.name, []]));
  for (let round = 0; round < rounds; round++) {
    const offset = (round * 7) % tasks.length;
    const order = [...tasks.slice(offset), ...tasks.slice(0, offset)];
    for (const task of order) {
      const stats = await measure(task.fn, { min_cpu_time: minCpuTime, ...(smoke ? { max_samples: 200 } : {}) });
      samples.get(task.name)!.push(stats.p50);
    }
    process.stderr.write(`round ${round + 1}/${rounds} done\n`);
  }
  const ns: Record<string, number> = {};
  for (const [name, xs] of samples) ns[name] = median(xs);

  const mem = gc === undefined ? null : await memory(gc, smoke);
  const ratios = [...computeRatios(ns), ...redis.ratios(ns)];
  await redis.teardown();
  printTable(ns, ratios, mem);
  writeFileSync(
    'bench-results.json',
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rounds, nsPerOp: ns, ratios, memory: mem }, null, 2)}\n`,
  );
  console.log('\nwrote bench-results.json');
}

interface Ratio {
  label: string;
  value: number;
  target: string;
  met: boolean;
}

function computeRatios(ns: Record<string, number>): Ratio[] {
  const r = (a: string, b: string) => ns[a]! / ns[b]!;
  const out: Ratio[] = [];
  const add = (label: string, value: number, target: string, met: boolean) => out.push({ label, value, target, met });
  const sub = 'baseline: of(1).subscribe';
  add('operator closed / of(1).subscribe', r('ours: operator closed (sync source)', sub), '<= 2', r('ours: operator closed (sync source)', sub) <= 2);
  add('operator open / of(1).subscribe', r('ours: operator open (sync source)', sub), '<= 1.5', r('ours: operator open (sync source)', sub) <= 1.5);
  add('operator closed / of(1).pipe(map).subscribe', r('ours: operator closed (sync source)', 'baseline: of(1).pipe(map(x => x)).subscribe'), '(info)', true);
  add('operator half-open-full / of(1).subscribe', r('ours: operator half-open-full (sync source)', sub), '(info)', true);
  add('operator via firstValueFrom / firstValueFrom baseline', r('ours: operator closed via firstValueFrom', 'baseline: firstValueFrom(defer(Promise))'), '(info)', true);
  const execClosed = r('ours: execute() closed', 'cockatiel: execute() closed');
  add('execute() closed / cockatiel closed', execClosed, '<= 1', execClosed <= 1);
  add('execute() closed / await async fn', r('ours: execute() closed', 'baseline: await async fn'), '(info)', true);
  add('opossum closed (defaults) / await async fn', r('opossum: fire() closed (defaults)', 'baseline: await async fn'), '(info: ~18 seen)', true);
  add('cockatiel closed / await async fn', r('cockatiel: execute() closed', 'baseline: await async fn'), '(info: ~3.6 seen)', true);
  const cockOpen = r('cockatiel: execute() open', 'ours: execute() open');
  const opoOpen = r('opossum: fire() open', 'ours: execute() open');
  add('cockatiel open / our execute() open', cockOpen, '>= 4', cockOpen >= 4);
  add('opossum open / our execute() open', opoOpen, '>= 4', opoOpen >= 4);
  add('our execute() open / caught Promise.reject', r('ours: execute() open', 'baseline: caught Promise.reject'), '(info)', true);
  for (const label of ['consecutiveFailures', 'failureRate/countWindow', 'failureRate/timeWindow', 'slowCallRate/timeWindow', 'anyOf']) {
    const v = r(`ours: failure path ${label}, 20000 in window`, `ours: failure path ${label}, 100 in window`);
    add(`failure path ${label}: 20,000 / 100 in window`, v, '<= 1.5', v <= 1.5);
  }
  const vsRetry = r('ours: retryBackoff success path', 'rxjs: retry({ count, delay }) success path');
  const vsBackoff = r('backoff-rxjs: retryBackoff success path', 'ours: retryBackoff success path');
  add('retryBackoff / rxjs retry', vsRetry, '<= 1.2', vsRetry <= 1.2);
  add('backoff-rxjs / our retryBackoff', vsBackoff, '>= 2', vsBackoff >= 2);
  return out;
}

function printTable(ns: Record<string, number>, ratios: Ratio[], mem: MemoryFigures | null): void {
  const width = Math.max(...Object.keys(ns).map((n) => n.length));
  console.log(`\n${'task'.padEnd(width)}  ns/op (median of ${rounds} round(s))`);
  for (const [name, v] of Object.entries(ns)) console.log(`${name.padEnd(width)}  ${v.toFixed(1).padStart(9)}`);
  console.log(`\n${'ratio'.padEnd(56)}  value   target`);
  for (const x of ratios) console.log(`${x.label.padEnd(56)}  ${x.value.toFixed(2).padStart(5)}   ${x.target}${x.target.startsWith('(') ? '' : x.met ? '  ok' : '  MISSED'}`);
  if (mem !== null) {
    console.log('\nmemory');
    console.log(`bytes per breaker (1,000 created, default strategy)   ${mem.bytesPerBreaker.toFixed(0)}`);
    for (const [label, bytes] of Object.entries(mem.retainedAfterCalls)) {
      console.log(`retained after ${mem.calls.toLocaleString('en')} calls, ${label.padEnd(24)} ${bytes.toFixed(0)} bytes`);
    }
  }
}

await main();
