import { NotFoundException, UnauthorizedException } from '@nestjs/common';
import { mapErrorToHttp } from './error-mapping';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from './http-errors';

describe('mapErrorToHttp', () => {
  it.each([
    [new NotFoundError('order not found'), 404, 'not_found'],
    [new ConflictError('already exists', 'duplicate_order'), 409, 'duplicate_order'],
    [new UnprocessableError('insufficient stock'), 422, 'unprocessable'],
    [new ForbiddenError('not yours'), 403, 'forbidden'],
    [new UnauthorizedException('missing bearer token'), 401, 'unauthorized'],
    [new NotFoundException('Cannot GET /nope'), 404, 'not_found'],
  ])('%s → %i %s', (error, status, code) => {
    const mapped = mapErrorToHttp(error);
    expect(mapped.status).toBe(status);
    expect(mapped.body.error).toBe(code);
    expect(mapped.unexpected).toBe(false);
  });

  it('hides unknown errors behind a 500 without internals', () => {
    const mapped = mapErrorToHttp(new Error('connection string postgresql://saga:secret@db leaked'));
    expect(mapped).toEqual({
      status: 500,
      body: { error: 'internal_error', message: 'internal server error' },
      unexpected: true,
    });
  });

  it('maps malformed JSON from body-parser to 400', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' });
    expect(mapErrorToHttp(parseError)).toMatchObject({ status: 400, body: { error: 'malformed_json' } });
  });

  it('keeps details of mapped errors', () => {
    expect(mapErrorToHttp(new ConflictError('taken', 'conflict', { orderId: 'o-1' })).body).toEqual({
      error: 'conflict',
      message: 'taken',
      orderId: 'o-1',
    });
  });
});
