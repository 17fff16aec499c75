import { AdmissionOutcome, AdmissionSnapshot, IssueStatus } from '../../domain';

export type ReserveResult = AdmissionOutcome | 'missing';
export type CachedStatus = Exclude<IssueStatus, 'NOT_REQUESTED'>;

/**
 * The fast, atomic first-come-first-served gate (Redis), a rebuildable cache of the database.
 * 'missing' means it holds nothing for the coupon and must be rebuilt before anyone is admitted.
 * Every write except rebuild is a no-op while the coupon is missing: the rebuild reads the truth.
 */
export interface IssueAdmission {
  reserve(couponId: string, userId: string): Promise<ReserveResult>;
  /** Installs the snapshot unless another instance already did (never overwrites live counts). */
  rebuild(snapshot: AdmissionSnapshot): Promise<void>;
  /** Gives the user's unit back and forgets the user; status becomes FAILED or is removed ('forget'). */
  release(couponId: string, userId: string, status: 'FAILED' | 'forget'): Promise<void>;
  /** Gives one unit back, the user stays recorded. */
  returnUnit(couponId: string): Promise<void>;
  /** Takes one unit for a user who got the coupon outside admission (a grant, a replayed request). */
  reclaim(couponId: string, userId: string): Promise<void>;
  setStatus(couponId: string, userId: string, status: CachedStatus): Promise<void>;
  /** null when the cache has nothing for this user. */
  statusOf(couponId: string, userId: string): Promise<CachedStatus | null>;
}
