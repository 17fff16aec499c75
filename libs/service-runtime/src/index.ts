export * from './tokens';
export * from './config/service-runtime-config';
export * from './kafka/kafka-probe';
export * from './outbox/outbox-lifecycle';
export * from './persistence/sql-order-guard';
export * from './messaging/service-consumers';
export * from './service-infrastructure.module';
export * from './service-runtime.module';
