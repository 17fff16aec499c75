import { createSecretKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AuthUser, Role, TokenClaims } from './auth-user';

export class InvalidTokenError extends Error {}

export function signDevToken(opts: { sub: string; role: Role; secret: string; expiresIn?: string }): string {
  return jwt.sign({ role: opts.role }, opts.secret, {
    algorithm: 'HS256',
    subject: opts.sub,
    expiresIn: (opts.expiresIn ?? '12h') as jwt.SignOptions['expiresIn'],
  });
}

/** HS256 only (no `alg: none`, no key confusion); expired, tampered or claim-less tokens are rejected. */
export function verifyToken(token: string, secret: string, nowMs: number = Date.now()): AuthUser {
  return verifyTokenWithExpiry(token, secret, nowMs).user;
}

/** verifyToken, plus the token's `exp` in ms when it has one (what a cache of verified tokens needs). */
export function verifyTokenWithExpiry(
  token: string,
  secret: string,
  nowMs: number,
): { user: AuthUser; expiresAtMs: number | undefined } {
  let payload: unknown;
  try {
    payload = jwt.verify(token, secretKeyOf(secret), {
      algorithms: ['HS256'],
      clockTimestamp: Math.floor(nowMs / 1000),
    });
  } catch (error) {
    throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
  }
  const claims = TokenClaims.safeParse(payload);
  if (!claims.success) throw new InvalidTokenError('token claims invalid');
  const exp = (payload as { exp?: unknown }).exp;
  return {
    user: { id: claims.data.sub, role: claims.data.role },
    expiresAtMs: typeof exp === 'number' ? exp * 1000 : undefined,
  };
}

const secretKeys = new Map<string, KeyObject>();

/**
 * jsonwebtoken turns a string secret into a key on every verify, first trying it as a PEM public key:
 * that attempt throws (with a stack trace) each time, a few percent of a busy service's CPU. A KeyObject
 * made once per secret skips it.
 */
function secretKeyOf(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) secretKeys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}
