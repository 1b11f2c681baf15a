// JIT: the components are compiled in the browser, so the compiler loads first.
import '@angular/compiler';
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
// In an application: from 'rxjs-circuit-breaker/angular'.
import { circuitBreakerInterceptor, provideCircuitBreaker } from '../../src/integrations/angular/index.js';
import { App } from './app.js';

bootstrapApplication(App, {
  providers: [
    provideZonelessChangeDetection(),
    provideHttpClient(withFetch(), withInterceptors([circuitBreakerInterceptor])),
    // Three failures in a row open the breaker; after 5 s one trial call may close it again.
    provideCircuitBreaker({ defaults: { failureThreshold: 3, recoveryTimeout: 5_000, halfOpenMaxCalls: 1 } }),
  ],
}).catch((error: unknown) => console.error(error));
