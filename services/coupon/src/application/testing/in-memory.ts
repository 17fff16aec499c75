import type { Envelope } from '@saga/contracts';
import {
  AdmissionSnapshot,
  Coupon,
  CouponDefinition,
  IssueFailureReason,
  IssueStatus,
  remainingUnits,
  UserCoupon,
} from '../../domain';
import {
  CachedStatus,
  CouponRepository,
  GrantOutcome,
  IssueAdmission,
  IssueGrant,
  IssueRequestKey,
  IssueRequestRepository,
  IssueState,
  OrderLedger,
  RecordedStatus,
  ReserveResult,
  UnitOfWork,
  UserCouponRepository,
} from '../ports';

type Tx = unknown;

interface State {
  coupons: Map<string, Coupon>;
  userCoupons: Map<string, UserCoupon>;
  requests: Map<string, { status: RecordedStatus; reason: string | null }>;
  tombstones: Map<string, string>;
}

const pair = (couponId: string, userId: string) => `${couponId}|${userId}`;

/** In-memory database for unit tests: implements the same ports as the Prisma adapters, with rollback. */
export class InMemoryDatabase
  implements CouponRepository<Tx>, UserCouponRepository<Tx>, OrderLedger<Tx>, IssueRequestRepository<Tx>, UnitOfWork<Tx>
{
  state: State = { coupons: new Map(), userCoupons: new Map(), requests: new Map(), tombstones: new Map() };
  readonly published: Envelope[] = [];
  /** Makes the next commit throw (a database outage). */
  failNextCommit = false;

  async run<T>(work: (tx: Tx, outbox: { append(...events: Envelope[]): Promise<void> }) => Promise<T>): Promise<T> {
    const before = cloneState(this.state);
    const pending: Envelope[] = [];
    try {
      const result = await work({}, { append: async (...events) => void pending.push(...events) });
      if (this.failNextCommit) {
        this.failNextCommit = false;
        throw new Error('connection terminated');
      }
      this.published.push(...pending);
      return result;
    } catch (error) {
      this.state = before;
      throw error;
    }
  }

  async create(_tx: Tx, definition: CouponDefinition): Promise<boolean> {
    if (this.state.coupons.has(definition.id)) return false;
    this.state.coupons.set(definition.id, { ...definition, issuedCount: 0 });
    return true;
  }

  async findById(_tx: Tx, id: string): Promise<Coupon | null> {
    return this.state.coupons.get(id) ?? null;
  }

  async grant(_tx: Tx, couponId: string, userId: string): Promise<GrantOutcome> {
    const coupon = this.state.coupons.get(couponId);
    if (!coupon) return 'not_found';
    if (this.state.userCoupons.has(pair(couponId, userId))) return 'already_held';
    if (coupon.issuedCount >= coupon.totalQuantity) return 'sold_out';
    coupon.issuedCount += 1;
    this.state.userCoupons.set(pair(couponId, userId), {
      couponId,
      userId,
      status: 'AVAILABLE',
      usedByOrderId: null,
      issuedAt: new Date(),
    });
    return 'granted';
  }

  async issue(tx: Tx, couponId: string, userId: string): Promise<IssueGrant> {
    const grant = await this.grant(tx, couponId, userId);
    if (grant === 'sold_out' || grant === 'not_found') return { grant };
    return { grant, before: await this.markIssued(tx, couponId, userId) };
  }

  async find(_tx: Tx, couponId: string, userId: string): Promise<UserCoupon | null> {
    return this.state.userCoupons.get(pair(couponId, userId)) ?? null;
  }

  async listByUser(_tx: Tx, userId: string): Promise<UserCoupon[]> {
    return [...this.state.userCoupons.values()].filter((c) => c.userId === userId);
  }

  async markUsed(_tx: Tx, couponId: string, userId: string, orderId: string): Promise<boolean> {
    const held = this.state.userCoupons.get(pair(couponId, userId));
    if (!held || held.status !== 'AVAILABLE') return false;
    Object.assign(held, { status: 'USED', usedByOrderId: orderId });
    return true;
  }

  async releaseUsageOf(_tx: Tx, orderId: string): Promise<boolean> {
    const held = [...this.state.userCoupons.values()].find((c) => c.usedByOrderId === orderId && c.status === 'USED');
    if (!held) return false;
    Object.assign(held, { status: 'AVAILABLE', usedByOrderId: null });
    return true;
  }

  async lock(): Promise<void> {}

  async isTombstoned(_tx: Tx, orderId: string): Promise<boolean> {
    return this.state.tombstones.has(orderId);
  }

  async tombstone(_tx: Tx, orderId: string, reason: string): Promise<void> {
    if (!this.state.tombstones.has(orderId)) this.state.tombstones.set(orderId, reason);
  }

  async lockForIssue(_tx: Tx, requests: readonly IssueRequestKey[]): Promise<IssueState> {
    const unitsLeft = new Map<string, number>();
    for (const { couponId } of requests) {
      const coupon = this.state.coupons.get(couponId);
      if (!coupon) continue;
      const pending = [...this.state.requests].filter(
        ([key, request]) => key.startsWith(`${couponId}|`) && request.status === 'PENDING',
      ).length;
      unitsLeft.set(couponId, coupon.totalQuantity - coupon.issuedCount - pending);
    }
    const settled = requests.filter(({ couponId, userId }) => {
      const request = this.state.requests.get(pair(couponId, userId));
      return (request && request.status !== 'FAILED') || this.state.userCoupons.has(pair(couponId, userId));
    });
    return { unitsLeft, settled };
  }

  async recordDecisions(
    _tx: Tx,
    issued: readonly IssueRequestKey[],
    soldOut: readonly IssueRequestKey[],
  ): Promise<void> {
    for (const { couponId, userId } of issued) {
      if ((await this.grant(_tx, couponId, userId)) !== 'granted')
        throw new Error(`issuing ${couponId}/${userId} disagreed with the locked state`);
      this.state.requests.set(pair(couponId, userId), { status: 'ISSUED', reason: null });
    }
    for (const { couponId, userId } of soldOut)
      this.state.requests.set(pair(couponId, userId), { status: 'FAILED', reason: 'SOLD_OUT' });
  }

  /** A request accepted by a coupon version that issued asynchronously, still PENDING (upgrade drain tests). */
  leavePending(couponId: string, userId: string): void {
    this.state.requests.set(pair(couponId, userId), { status: 'PENDING', reason: null });
  }

  async markIssued(_tx: Tx, couponId: string, userId: string): Promise<RecordedStatus | null> {
    const existing = this.state.requests.get(pair(couponId, userId));
    this.state.requests.set(pair(couponId, userId), { status: 'ISSUED', reason: null });
    return existing?.status ?? null;
  }

  async markFailed(_tx: Tx, couponId: string, userId: string, reason: IssueFailureReason): Promise<boolean> {
    const existing = this.state.requests.get(pair(couponId, userId));
    if (existing?.status !== 'PENDING') return false;
    existing.status = 'FAILED';
    existing.reason = reason;
    return true;
  }

  async statusOf(_tx: Tx, couponId: string, userId: string): Promise<IssueStatus> {
    const request = this.state.requests.get(pair(couponId, userId));
    if (request) return request.status;
    return this.state.userCoupons.has(pair(couponId, userId)) ? 'ISSUED' : 'NOT_REQUESTED';
  }

  async admissionSnapshot(_tx: Tx, couponId: string): Promise<AdmissionSnapshot | null> {
    const coupon = this.state.coupons.get(couponId);
    if (!coupon) return null;
    const statuses: Record<string, CachedStatus> = {};
    const users = new Set<string>();
    let pending = 0;
    for (const [key, request] of this.state.requests) {
      const [c, u] = key.split('|');
      if (c !== couponId) continue;
      statuses[u] = request.status;
      if (request.status !== 'FAILED') users.add(u);
      if (request.status === 'PENDING') pending += 1;
    }
    for (const held of this.state.userCoupons.values()) {
      if (held.couponId !== couponId) continue;
      users.add(held.userId);
      statuses[held.userId] = 'ISSUED';
    }
    return {
      couponId,
      remaining: remainingUnits(coupon.totalQuantity, coupon.issuedCount, pending),
      users: [...users],
      statuses,
    };
  }
}

function cloneState(state: State): State {
  const copyValues = <K, V extends object>(map: Map<K, V>) => new Map([...map].map(([k, v]) => [k, { ...v }]));
  return {
    coupons: copyValues(state.coupons),
    userCoupons: copyValues(state.userCoupons),
    requests: copyValues(state.requests),
    tombstones: new Map(state.tombstones),
  };
}

/** In-memory admission cache with the same semantics as the Redis Lua scripts. */
export class InMemoryAdmission implements IssueAdmission {
  readonly coupons = new Map<string, { remaining: number; users: Set<string>; statuses: Map<string, CachedStatus> }>();

  flush(): void {
    this.coupons.clear();
  }

  async reserve(couponId: string, userId: string): Promise<ReserveResult> {
    const entry = this.coupons.get(couponId);
    if (!entry) return 'missing';
    if (entry.users.has(userId)) return 'already_requested';
    if (entry.remaining <= 0) return 'sold_out';
    entry.remaining -= 1;
    entry.users.add(userId);
    entry.statuses.set(userId, 'PENDING');
    return 'reserved';
  }

  async rebuild(snapshot: AdmissionSnapshot): Promise<void> {
    if (this.coupons.has(snapshot.couponId)) return;
    this.coupons.set(snapshot.couponId, {
      remaining: snapshot.remaining,
      users: new Set(snapshot.users),
      statuses: new Map(Object.entries(snapshot.statuses)),
    });
  }

  async release(couponId: string, userId: string, status: 'FAILED' | 'forget'): Promise<void> {
    const entry = this.coupons.get(couponId);
    if (!entry) return;
    entry.remaining += 1;
    entry.users.delete(userId);
    if (status === 'forget') entry.statuses.delete(userId);
    else entry.statuses.set(userId, status);
  }

  async returnUnit(couponId: string): Promise<void> {
    const entry = this.coupons.get(couponId);
    if (entry) entry.remaining += 1;
  }

  async reclaim(couponId: string, userId: string): Promise<void> {
    const entry = this.coupons.get(couponId);
    if (!entry) return;
    entry.remaining -= 1;
    entry.users.add(userId);
    entry.statuses.set(userId, 'ISSUED');
  }

  async setStatus(couponId: string, userId: string, status: CachedStatus): Promise<void> {
    this.coupons.get(couponId)?.statuses.set(userId, status);
  }

  async statusOf(couponId: string, userId: string): Promise<CachedStatus | null> {
    return this.coupons.get(couponId)?.statuses.get(userId) ?? null;
  }
}
