import { createHash } from 'node:crypto';

/** @internal A Lua script and its SHA1, run with EVALSHA and loaded with EVAL only when Redis lacks it. */
export class Script {
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** The EVALSHA command for `keys` and `args`. */
  evalsha(keys: readonly string[], args: readonly (string | number)[]): string[] {
    return ['EVALSHA', this.sha, String(keys.length), ...keys, ...args.map(String)];
  }

  /** The same command as EVAL, which also caches the script (after a NOSCRIPT, e.g. a restarted Redis). */
  eval(keys: readonly string[], args: readonly (string | number)[]): string[] {
    return ['EVAL', this.source, String(keys.length), ...keys, ...args.map(String)];
  }
}

/** @internal True for Redis's "script not cached" error reply, whichever client library carried it. */
export function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.includes('NOSCRIPT');
}
