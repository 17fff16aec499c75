export class UserNotFoundError extends Error {
  constructor(readonly userId: string) {
    super(`user ${userId} not found`);
    this.name = 'UserNotFoundError';
  }
}

export class UserAlreadyExistsError extends Error {
  constructor(readonly userId: string) {
    super(`user ${userId} already exists`);
    this.name = 'UserAlreadyExistsError';
  }
}
