export { CircuitBreakerError, isCircuitBreakerError } from './CircuitBreakerError.js';
export { CircuitOpenError, isCircuitOpenError } from './CircuitOpenError.js';
export { CallTimeoutError, isCallTimeoutError } from './CallTimeoutError.js';
export { InvalidConfigError, isInvalidConfigError } from './InvalidConfigError.js';
export { RetriesExhaustedError, isRetriesExhaustedError } from './RetriesExhaustedError.js';
