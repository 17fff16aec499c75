import jwt from 'jsonwebtoken';
import { InvalidTokenError, signDevToken } from './tokens';
import { VerifiedTokenCache } from './verified-token-cache';

const secret = 'a-test-secret-of-enough-length';

describe('VerifiedTokenCache', () => {
  it('returns the same user for a cached token and still rejects tampered or foreign tokens', () => {
    const cache = new VerifiedTokenCache(secret);
    const token = signDevToken({ sub: 'u1', role: 'customer', secret });
    expect(cache.verify(token)).toEqual({ id: 'u1', role: 'customer' });
    expect(cache.verify(token)).toEqual({ id: 'u1', role: 'customer' });
    expect(() => cache.verify(`${token}x`)).toThrow(InvalidTokenError);
    const foreign = signDevToken({ sub: 'u1', role: 'admin', secret: 'another-secret-of-enough-length' });
    expect(() => cache.verify(foreign)).toThrow(InvalidTokenError);
  });

  it('stops accepting a cached token once it expired', () => {
    let now = Date.now();
    const cache = new VerifiedTokenCache(secret, 10, () => now);
    const token = jwt.sign({ role: 'customer' }, secret, { algorithm: 'HS256', subject: 'u1', expiresIn: 60 });
    cache.verify(token);
    now += 61_000;
    expect(() => cache.verify(token)).toThrow(InvalidTokenError);
  });

  it('keeps at most maxEntries tokens', () => {
    const cache = new VerifiedTokenCache(secret, 2);
    for (const sub of ['a', 'b', 'c']) cache.verify(signDevToken({ sub, role: 'customer', secret }));
    expect((cache as unknown as { entries: Map<string, unknown> }).entries.size).toBe(2);
  });
});
