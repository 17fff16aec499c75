import { CouponIssued, createEvent } from '@saga/contracts';
import {
  AdmissionOutcome,
  AdmittedOutcome,
  CouponNotFoundError,
  IssueRequestRefusedError,
  IssueTemporarilyUnavailableError,
} from '../../domain';
import {
  IssuanceMetrics,
  IssueAdmission,
  IssueRequestRepository,
  UnitOfWork,
  unrecordedIssuanceMetrics,
} from '../ports';
import { AdmittedRequestIssuer } from './admitted-request-issuer';
import { SingleFlight } from './single-flight';

export interface RequestCouponIssueCommand {
  couponId: string;
  userId: string;
}

const MAX_REBUILD_ROUNDS = 3;

/**
 * First-come-first-served issuance, answered when the coupon is issued.
 *
 * 1. Redis admits atomically (one unit reserved, user recorded) or refuses; refusals never touch the DB.
 * 2. The admitted request is issued in ONE transaction: its coupon row locked, the unit counted, the
 *    holding and the request (ISSUED) written and CouponIssued put in the outbox. Requests admitted
 *    together share the transaction (AdmittedRequestIssuer, group commit). The database is the last
 *    guard: a cache that over-admitted (rebuilt mid-burst) gets sold_out, never a second unit.
 *    The design issued from a Kafka consumer after the request had been published; the request path
 *    already has to write the request durably (the Redis cache is rebuilt from it), and issuing in
 *    that same transaction removes a relay hop, a consumption and a second transaction per request, so
 *    the answer is the outcome. A failed commit rolls the reservation back and is a retryable error.
 */
export class RequestCouponIssueUseCase<Tx> {
  private readonly rebuilds = new SingleFlight<void>();
  private readonly issuer: AdmittedRequestIssuer<Tx>;

  constructor(
    private readonly uow: UnitOfWork<Tx>,
    private readonly requests: IssueRequestRepository<Tx>,
    private readonly admission: IssueAdmission,
    private readonly now: () => Date = () => new Date(),
    private readonly metrics: IssuanceMetrics = unrecordedIssuanceMetrics,
  ) {
    this.issuer = new AdmittedRequestIssuer(uow, requests);
  }

  async execute({ couponId, userId }: RequestCouponIssueCommand): Promise<void> {
    const outcome = await this.admit(couponId, userId);
    if (outcome !== 'reserved') {
      this.metrics.rejected(outcome);
      throw new IssueRequestRefusedError(outcome);
    }
    let issued: AdmittedOutcome;
    try {
      issued = await this.issuer.issue(
        { couponId, userId },
        createEvent(CouponIssued, {
          orderId: null,
          causationId: null,
          payload: { couponId, userId, issuedAt: this.now().toISOString() },
        }),
      );
    } catch (error) {
      await this.admission.release(couponId, userId, 'forget');
      throw new IssueTemporarilyUnavailableError(error);
    }
    switch (issued) {
      case 'issued':
        // Committed: the answer is ISSUED even when the cache misses this write (the status query reads
        // the database for a cached PENDING; a rebuild reads the database).
        await this.admission.setStatus(couponId, userId, 'ISSUED').catch(() => undefined);
        this.metrics.admitted();
        this.metrics.issued();
        return;
      case 'already_requested':
        // The cache had forgotten a request or holding the DB knows (rebuilt while it was being committed).
        await this.admission.returnUnit(couponId);
        this.metrics.rejected('already_requested');
        throw new IssueRequestRefusedError('already_requested');
      case 'sold_out':
        // Admitted by a cache that over-counted; no real unit stands behind it, so none is given back.
        await this.admission.setStatus(couponId, userId, 'FAILED');
        this.metrics.rejected('sold_out');
        throw new IssueRequestRefusedError('sold_out');
      case 'coupon_not_found':
        await this.admission.release(couponId, userId, 'forget');
        throw new CouponNotFoundError(couponId);
    }
  }

  private async admit(couponId: string, userId: string): Promise<AdmissionOutcome> {
    for (let round = 0; round < MAX_REBUILD_ROUNDS; round++) {
      const result = await this.admission.reserve(couponId, userId);
      if (result !== 'missing') return result;
      await this.rebuilds.run(couponId, () => this.rebuild(couponId));
    }
    throw new IssueTemporarilyUnavailableError(new Error(`admission cache for ${couponId} keeps disappearing`));
  }

  private async rebuild(couponId: string): Promise<void> {
    const snapshot = await this.uow.run((tx) => this.requests.admissionSnapshot(tx, couponId));
    if (!snapshot) throw new CouponNotFoundError(couponId);
    await this.admission.rebuild(snapshot);
  }
}
