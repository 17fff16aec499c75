export * from './topics';
export * from './envelope';
export * from './define-event';
export * from './events';
export * from './registry';
export * from './service-list';
export * from './topic-creation';
