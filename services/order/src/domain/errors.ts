export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnknownProductError extends DomainError {
  constructor(
    readonly productId: string,
    /** Position of the item in the request, for the error's field path. */
    readonly itemIndex: number,
  ) {
    super(`unknown product ${productId}`);
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor(readonly key: string) {
    super(`Idempotency-Key ${key} was already used with a different request body`);
  }
}
