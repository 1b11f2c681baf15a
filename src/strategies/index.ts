export type { TripStrategy, TripStrategyFactory } from './TripStrategy.js';
export { consecutiveFailures } from './consecutiveFailures.js';
export { failureRate, type FailureRateOptions } from './failureRate.js';
export { slowCallRate, type SlowCallRateOptions } from './slowCallRate.js';
export { anyOf } from './anyOf.js';
