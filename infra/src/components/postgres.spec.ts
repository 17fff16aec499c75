import { durabilityFlags } from './postgres';

describe('PostgreSQL durability flags', () => {
  it('is durable unless SAGA_PG_DURABLE turns it off', () => {
    expect(durabilityFlags({})).toContain('-c fsync=on -c synchronous_commit=on');
    expect(durabilityFlags({ SAGA_PG_DURABLE: '1' })).toContain('fsync=on');
    for (const off of ['0', 'false', 'OFF']) {
      expect(durabilityFlags({ SAGA_PG_DURABLE: off })).toContain('-c fsync=off -c synchronous_commit=off');
    }
  });
});
