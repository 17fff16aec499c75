import { UserNotFoundError } from '../../domain/errors';
import { InMemoryWallet } from '../testing/in-memory-wallet';
import { GetUserQuery } from './get-user.query';

describe('GetUserQuery', () => {
  const query = new GetUserQuery(
    InMemoryWallet.with({ id: 'u1', name: 'Ann', balance: 5 }, { id: 'u2', name: 'Bob', balance: 6 }),
  );

  it('shows customers their own account', async () => {
    expect(await query.execute('u1', { id: 'u1', role: 'customer' })).toEqual({ id: 'u1', name: 'Ann', balance: 5 });
  });

  it("hides another customer's account as not found", async () => {
    await expect(query.execute('u2', { id: 'u1', role: 'customer' })).rejects.toBeInstanceOf(UserNotFoundError);
  });

  it('lets admins see any account', async () => {
    expect(await query.execute('u2', { id: 'admin', role: 'admin' })).toMatchObject({ id: 'u2' });
  });
});
