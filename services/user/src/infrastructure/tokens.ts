/** DI tokens of the infrastructure (application tokens live next to their ports). */
export const PRISMA = Symbol('Prisma');
export const KAFKA = Symbol('Kafka');
export const LOGGER = Symbol('Logger');
export const OUTBOX_RELAY = Symbol('OutboxRelay');
export const UNIT_OF_WORK = Symbol('UnitOfWork');
