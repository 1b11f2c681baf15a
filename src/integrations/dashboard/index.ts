// rxjs-circuit-breaker/dashboard: a live dashboard of a registry's breakers for node:http,
// Express and NestJS. Node-only (node:http types, node:crypto); no runtime dependency.
export { circuitBreakerDashboard } from './circuitBreakerDashboard.js';
export type { DashboardHandler } from './circuitBreakerDashboard.js';
export type { DashboardOptions } from './DashboardOptions.js';
export { dashboardStream } from './dashboardStream.js';
export type { BreakerSample, DashboardMessage, DashboardSample, DashboardStreamOptions, DashboardTransition } from './dashboardStream.js';
