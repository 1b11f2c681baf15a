import { COUNTS_READ_SCRIPT, COUNTS_WRITE_SCRIPT, LEASE_SCRIPT, PROPOSE_SCRIPT, READ_SCRIPT, RELEASE_SCRIPT } from './luaScripts.js';
import { Script } from './Script.js';

/** @internal The store's scripts, hashed once per process. */
export const scripts = {
  read: new Script(READ_SCRIPT),
  propose: new Script(PROPOSE_SCRIPT),
  lease: new Script(LEASE_SCRIPT),
  release: new Script(RELEASE_SCRIPT),
  countsWrite: new Script(COUNTS_WRITE_SCRIPT),
  countsRead: new Script(COUNTS_READ_SCRIPT),
} as const;

/**
 * @internal How far apart two views of a break end may be before an instance realigns to the
 * shared one, and how early a finished break may be promoted to half-open: timers on
 * different machines never fire at exactly the same moment.
 */
export const CLOCK_SLACK_MS = 100;
