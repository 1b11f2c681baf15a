import type { Attributes, Tracer } from '@opentelemetry/api';
import { trace } from '@opentelemetry/api';
import type { RejectedEvent, StateChangeEvent } from '../../index.js';
import { OtelAttributes as A } from './attributes.js';

/**
 * Names of the span events `instrumentCircuitBreakers` adds.
 *
 * @example
 * ```ts
 * const rejected = span.events.filter((e) => e.name === OtelSpanEvents.rejected); // span: a ReadableSpan from your exporter
 * ```
 */
export const OtelSpanEvents = Object.freeze({
  /** A transition of the breaker of the call in progress. */
  stateChange: 'rxcb.state_change',
  /** The breaker rejected the call in progress. */
  rejected: 'rxcb.rejected',
} as const);

/**
 * @internal Records a transition as an `rxcb.state_change` event on the active span. Events
 * are synchronous, so inside a call that span is the caller's. A transition with no recording
 * span around it (the recovery timer, an unsampled trace, an admin action) gets a zero-length
 * root span of its own carrying the same event, so traces still show when the breaker moved.
 */
export function traceStateChange(tracer: Tracer, event: StateChangeEvent): void {
  const attributes: Attributes = {
    [A.breakerName]: event.breaker,
    [A.breakerState]: event.to,
    [A.previousState]: event.from,
    [A.transitionReason]: event.reason,
  };
  if (event.detail !== null) attributes[A.transitionDetail] = event.detail;
  const active = trace.getActiveSpan();
  if (active?.isRecording() === true) {
    active.addEvent(OtelSpanEvents.stateChange, attributes);
    return;
  }
  const own = tracer.startSpan(OtelSpanEvents.stateChange, { root: true, attributes });
  own.addEvent(OtelSpanEvents.stateChange, attributes);
  own.end();
}

/** @internal Records a rejection as an `rxcb.rejected` event on the caller's span, if it records. */
export function traceRejection(event: RejectedEvent): void {
  const active = trace.getActiveSpan();
  if (active?.isRecording() !== true) return;
  const attributes: Attributes = { [A.breakerName]: event.breaker, [A.breakerState]: event.state };
  if (event.retryAfterMs !== null) attributes[A.retryAfterMs] = event.retryAfterMs;
  active.addEvent(OtelSpanEvents.rejected, attributes);
}
