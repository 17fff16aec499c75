export * from './kafka';
export * from './consumer/event-handler';
export * from './consumer/consumer-host';
export * from './consumer/message-processor';
export * from './consumer/dead-letter';
export * from './consumer/retry-policy';
export * from './consumer/headers';
