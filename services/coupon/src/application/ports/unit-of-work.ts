export type { UnitOfWork, OutboxAppender } from '@saga/outbox';
