export * from './catalog';
export * from './registry';
export * from './consumer-metrics';
export * from './outbox-metrics';
export * from './http-metrics';
export * from './exposition-parser';
