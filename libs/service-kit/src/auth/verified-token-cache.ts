import { AuthUser } from './auth-user';
import { verifyTokenWithExpiry } from './tokens';

/**
 * Remembers tokens that verified, until they expire: a storefront client sends the same token on
 * every request, and HMAC verification plus claim parsing was a visible share of the order
 * service's CPU per checkout. Bounded (oldest entries go first); invalid tokens are never cached.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { user: AuthUser; expiresAtMs: number }>();

  constructor(
    private readonly secret: string,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  verify(token: string): AuthUser {
    const now = this.now();
    const hit = this.entries.get(token);
    if (hit && hit.expiresAtMs > now) return hit.user;
    if (hit) this.entries.delete(token);
    const { user, expiresAtMs } = verifyTokenWithExpiry(token, this.secret, now);
    // tokens without an expiry are verified every time rather than cached forever
    if (expiresAtMs !== undefined) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(token, { user, expiresAtMs });
    }
    return user;
  }
}
