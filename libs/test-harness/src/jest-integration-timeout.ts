// `testTimeout` inside a Jest project entry is ignored; integration tests and their hooks need real-infra time.
jest.setTimeout(120_000);
