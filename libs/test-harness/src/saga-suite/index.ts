/** Helpers for the root cross-service saga suite (test/saga): wire-level taps and fault injection. */
export * from './event-tap';
export * from './event-injector';
export * from './redis-control';
export * from './held-consumer';
export * from './run-topics';
