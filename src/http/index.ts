export { httpStatusOf } from './httpStatusOf.js';
export { isHttpFailure } from './isHttpFailure.js';
export { isHttpRetryable } from './isHttpRetryable.js';
export { isTimeoutError } from './isTimeoutError.js';
export { isNetworkError } from './isNetworkError.js';
export { httpErrors } from './httpErrors.js';
