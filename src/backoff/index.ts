export type { Backoff } from './Backoff.js';
export { constantBackoff } from './constantBackoff.js';
export type { JitterOptions } from './constantBackoff.js';
export { linearBackoff } from './linearBackoff.js';
export type { LinearBackoffOptions } from './linearBackoff.js';
export { exponentialBackoff } from './exponentialBackoff.js';
export type { ExponentialBackoffOptions } from './exponentialBackoff.js';
export type { Jitter } from './jitter.js';
