import { isInfrastructureOutage, isTransactionConflict } from './infrastructure-outage';

describe('isInfrastructureOutage', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['PostgreSQL shutting down', Object.assign(new Error('terminating connection'), { code: '57P01' })],
    ['a connection exception class 08', Object.assign(new Error('x'), { code: '08006' })],
    ['Prisma cannot reach the server', Object.assign(new Error('x'), { code: 'P1001' })],
    ['a wrapped cause', new Error('query failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })],
    ['a closed Redis connection', new Error('Connection is closed.')],
    ['a node-postgres connection that broke', new Error('Connection terminated unexpectedly')],
    [
      'a node-postgres client that is not queryable',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
  ])('recognises %s', (_name, error) => {
    expect(isInfrastructureOutage(error)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a check violation', Object.assign(new Error('violates check constraint'), { code: '23514' })],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['not an error', 'ECONNREFUSED'],
  ])('does not treat %s as an outage', (_name, error) => {
    expect(isInfrastructureOutage(error)).toBe(false);
  });
});

describe('isTransactionConflict', () => {
  it('recognises a deadlock and a serialization failure, also as a cause; nothing else', () => {
    expect(isTransactionConflict(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(true);
    const serialization = Object.assign(new Error('could not serialize'), { code: '40001' });
    expect(isTransactionConflict(new Error('batch failed', { cause: serialization }))).toBe(true);
    expect(isTransactionConflict(Object.assign(new Error('unique violation'), { code: '23505' }))).toBe(false);
    expect(isTransactionConflict(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isTransactionConflict(new Error('deadlock detected'))).toBe(false);
  });
});
