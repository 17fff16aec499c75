export class ProductNotFoundError extends Error {
  constructor(readonly productId: string) {
    super(`product ${productId} not found`);
    this.name = 'ProductNotFoundError';
  }
}

export class ProductAlreadyExistsError extends Error {
  constructor(readonly productId: string) {
    super(`product ${productId} already exists`);
    this.name = 'ProductAlreadyExistsError';
  }
}
