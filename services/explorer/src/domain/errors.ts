export class SagaNotFoundError extends Error {
  constructor(orderId: string) {
    super(`no saga for order ${orderId}`);
    this.name = 'SagaNotFoundError';
  }
}

export class DeadLetterNotFoundError extends Error {
  constructor(id: string) {
    super(`no dead letter ${id}`);
    this.name = 'DeadLetterNotFoundError';
  }
}

export class DeadLetterNotReplayableError extends Error {
  constructor(id: string) {
    super(`dead letter ${id} has no original topic (x-dlq-original-topic): it cannot be replayed`);
    this.name = 'DeadLetterNotReplayableError';
  }
}
