import jwt from 'jsonwebtoken';
import { InvalidTokenError, signDevToken, verifyToken } from './tokens';

const secret = 'unit-test-secret-0123456789';

describe('dev tokens', () => {
  it('round-trips sub and role', () => {
    expect(verifyToken(signDevToken({ sub: 'user-1', role: 'admin', secret }), secret)).toEqual({
      id: 'user-1',
      role: 'admin',
    });
  });

  it('rejects a token signed with another secret', () => {
    const token = signDevToken({ sub: 'user-1', role: 'customer', secret: 'another-secret-0123456789' });
    expect(() => verifyToken(token, secret)).toThrow(InvalidTokenError);
  });

  it('rejects an expired token', () => {
    const token = jwt.sign({ sub: 'user-1', role: 'customer', exp: Math.floor(Date.now() / 1000) - 10 }, secret);
    expect(() => verifyToken(token, secret)).toThrow(InvalidTokenError);
  });

  it('rejects unknown roles and alg none', () => {
    expect(() => verifyToken(jwt.sign({ sub: 'u', role: 'root' }, secret), secret)).toThrow('token claims invalid');
    const unsigned = jwt.sign({ sub: 'u', role: 'admin' }, '', { algorithm: 'none' });
    expect(() => verifyToken(unsigned, secret)).toThrow(InvalidTokenError);
  });
});
