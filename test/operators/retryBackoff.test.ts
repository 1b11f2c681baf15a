import { retryBackoff as backoffRxjsRetryBackoff, type RetryBackoffConfig as BackoffRxjsConfig } from 'backoff-rxjs';
import { describe, expect, it } from 'vitest';
import { retryBackoff } from '../../operators/retryBackoff.js';
import { scripted, testScheduler, type Step } from '../retry/scripted.js';

const fatal = { code: 'FATAL' };

interface Row {
  name: string;
  config: number | BackoffRxjsConfig;
  /** Subscription n of the source plays step n (the last one again when they run out). */
  script: Step[];
  /** How many subscriptions backoff-rxjs makes: proves the row exercises what it names. */
  subscriptions: number;
}

// Every row is a config a backoff-rxjs user may have today. Each runs through backoff-rxjs 7
// and through ours in the same virtual time; the outputs and the subscriptions must match.
const rows: Row[] = [
  { name: 'a number: the initial interval, unlimited retries', config: 5, script: ['-#', '--#', '#', '-a|'], subscriptions: 4 },
  { name: 'initialInterval and maxRetries', config: { initialInterval: 1, maxRetries: 3 }, script: ['--1-2-3-#'], subscriptions: 4 },
  { name: 'initialInterval alone: unlimited retries', config: { initialInterval: 3 }, script: ['-#', '-#', '-#', '-#', '-#', '-a|'], subscriptions: 6 },
  { name: 'a source that errors as it is subscribed', config: { initialInterval: 2, maxRetries: 2 }, script: ['#'], subscriptions: 3 },
  { name: 'maxRetries 0', config: { initialInterval: 1, maxRetries: 0 }, script: ['-a-#'], subscriptions: 1 },
  { name: 'initialInterval 0', config: { initialInterval: 0, maxRetries: 3 }, script: ['-a#'], subscriptions: 4 },
  { name: 'maxInterval', config: { initialInterval: 1, maxInterval: 5, maxRetries: 6 }, script: ['-#'], subscriptions: 7 },
  { name: 'maxInterval 0', config: { initialInterval: 4, maxInterval: 0, maxRetries: 2 }, script: ['-#'], subscriptions: 3 },
  { name: 'a maxInterval that never binds', config: { initialInterval: 3, maxInterval: 1_000, maxRetries: 3 }, script: ['-#'], subscriptions: 4 },
  { name: 'a linear backoffDelay', config: { initialInterval: 3, maxRetries: 4, backoffDelay: (i, initial) => initial * (i + 1) }, script: ['-#'], subscriptions: 5 },
  { name: 'a backoffDelay of 0', config: { initialInterval: 1, maxRetries: 3, backoffDelay: () => 0 }, script: ['#'], subscriptions: 4 },
  {
    name: 'a backoffDelay capped by maxInterval',
    config: { initialInterval: 2, maxRetries: 5, maxInterval: 7, backoffDelay: (i, initial) => initial * 3 ** i },
    script: ['-#'],
    subscriptions: 6,
  },
  {
    name: 'shouldRetry refusing an error',
    config: { initialInterval: 1, maxRetries: 5, shouldRetry: (error) => error !== fatal },
    script: ['-#', '--#', ['-#', fatal], '-a|'],
    subscriptions: 3,
  },
  { name: 'shouldRetry accepting every error', config: { initialInterval: 1, maxRetries: 5, shouldRetry: () => true }, script: ['-#', '-#', '-a|'], subscriptions: 3 },
  { name: 'shouldRetry refusing the first error', config: { initialInterval: 1, shouldRetry: () => false }, script: ['-a-#'], subscriptions: 1 },
  {
    name: 'resetOnSuccess',
    config: { initialInterval: 1, maxRetries: 2, resetOnSuccess: true },
    script: ['-#', '-#', '-a#', '-#', '-b-#', '-#', '-#'],
    subscriptions: 7,
  },
  {
    name: 'resetOnSuccess false',
    config: { initialInterval: 1, maxRetries: 2, resetOnSuccess: false },
    script: ['-#', '-#', '-a#', '-#', '-b-#', '-#', '-#'],
    subscriptions: 3,
  },
  { name: 'values before the errors', config: { initialInterval: 2, maxRetries: 2 }, script: ['-a-b-#', 'c-#', '-d|'], subscriptions: 3 },
  { name: 'a source that completes', config: { initialInterval: 1 }, script: ['-a-b-|'], subscriptions: 1 },
  { name: 'a source that never settles after a retry', config: { initialInterval: 4, maxRetries: 1 }, script: ['-#', '-a--'], subscriptions: 2 },
  {
    name: 'every field together',
    config: {
      initialInterval: 2,
      maxRetries: 4,
      maxInterval: 10,
      resetOnSuccess: true,
      shouldRetry: (error) => error !== fatal,
      backoffDelay: (i, initial) => initial * 2 ** i + 1,
    },
    script: ['-#', '-a#', '-#', '-#', '-#', ['--#', fatal]],
    subscriptions: 6,
  },
];

describe('retryBackoff compatibility with backoff-rxjs 7', () => {
  it.each(rows)('emits and subscribes as backoff-rxjs does for $name', ({ config, script, subscriptions }) => {
    testScheduler().run(({ cold, expectObservable, flush }) => {
      const theirs = scripted(cold, script);
      const ours = scripted(cold, script);
      expectObservable(ours.source.pipe(retryBackoff(config))).toEqual(theirs.source.pipe(backoffRxjsRetryBackoff(config)));
      flush();
      expect(ours.subscriptions()).toEqual(theirs.subscriptions());
      expect(theirs.subscriptions()).toHaveLength(subscriptions);
    });
  });

  it('rejects a negative initialInterval, which backoff-rxjs accepts', () => {
    expect(() => backoffRxjsRetryBackoff(-1)).not.toThrow();
    expect(() => retryBackoff(-1)).toThrow('retryBackoff.initialInterval must be a finite number >= 0, got -1');
  });
});
