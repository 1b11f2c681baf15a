import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
import type { CircuitEvent } from '../../index.js';
import { errorType, OtelAttributes as A } from './attributes.js';

/** @internal The synchronous instruments of one `instrumentCircuitBreakers` call. */
export interface CallInstruments {
  calls: Counter;
  duration: Histogram;
  retries: Counter;
}

// The semantic conventions' boundaries for durations in seconds (the SDK's default ones are for milliseconds).
const DURATION_BOUNDARIES = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** @internal Creates `rxcb.calls`, `rxcb.call.duration` and `rxcb.retries`. */
export function createCallInstruments(meter: Meter): CallInstruments {
  return {
    calls: meter.createCounter('rxcb.calls', {
      description: 'Calls through circuit breakers, by outcome (success, failure, timeout, ignored, cancelled, rejected).',
      unit: '{call}',
    }),
    duration: meter.createHistogram('rxcb.call.duration', {
      description: 'Duration of calls through circuit breakers, from subscribe to outcome.',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BOUNDARIES },
    }),
    retries: meter.createCounter('rxcb.retries', {
      description: 'Retries of calls through circuit breakers, as reported by retryBackoff.',
      unit: '{retry}',
    }),
  };
}

/** @internal Counts one event on the instruments; transitions and resets have no metric here. */
export function recordCall(instruments: CallInstruments, event: CircuitEvent): void {
  const attributes: Attributes = { [A.breakerName]: event.breaker };
  switch (event.type) {
    case 'success':
    case 'cancelled':
    case 'failure':
    case 'timeout':
    case 'ignored':
      attributes[A.outcome] = event.type;
      if ('error' in event) attributes[A.errorType] = errorType(event.error);
      instruments.calls.add(1, attributes);
      instruments.duration.record(event.durationMs / 1000, attributes);
      break;
    case 'rejected':
      attributes[A.outcome] = 'rejected';
      attributes[A.breakerState] = event.state;
      attributes[A.errorType] = 'CircuitOpenError';
      instruments.calls.add(1, attributes);
      break;
    case 'retry':
      instruments.retries.add(1, attributes);
      break;
    default:
      break;
  }
}
