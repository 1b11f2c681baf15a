import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./fixtures/openBreaker.ts', import.meta.url));

describe('CircuitBreaker timers on the real scheduler', () => {
  it('never keep the process alive on their own', () => {
    // The breaks last a minute; the process must end long before that.
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
    expect(child.error).toBeUndefined();
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('open half_open');
    expect(child.status).toBe(0);
  }, 40_000);
});
