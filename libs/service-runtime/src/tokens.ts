/** DI tokens of the shared service runtime (a service's own tokens live next to its ports). */
export const SERVICE_CONFIG = Symbol('ServiceRuntimeConfig');
/** The node-postgres pool (`PgSqlClient`) behind the raw SQL; Prisma owns only schema and migrations. */
export const SQL_CLIENT = Symbol('SqlClient');
export const KAFKA = Symbol('Kafka');
export const LOGGER = Symbol('Logger');
export const OUTBOX_RELAY = Symbol('OutboxRelay');
export const UNIT_OF_WORK = Symbol('UnitOfWork');
/** The process's DependencyMonitor: components report outages to it; readiness reads it. */
export const DEPENDENCY_MONITOR = Symbol('DependencyMonitor');
/** ioredis client; provided only when the service asks for Redis (`redis` in ServiceRuntimeOptions). */
export const REDIS = Symbol('Redis');
