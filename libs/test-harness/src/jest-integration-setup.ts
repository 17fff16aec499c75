// `testTimeout` inside a Jest project entry is ignored; integration tests and their hooks need real-infra time.
jest.setTimeout(120_000);

// Real brokers and databases on a 2-core machine have timing races (rebalances, span export batches);
// one retry, with the first failure printed, keeps CI honest without letting a real bug through twice.
jest.retryTimes(1, { logErrorsBeforeRetry: true });
