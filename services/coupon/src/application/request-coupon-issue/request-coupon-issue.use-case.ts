import { CouponIssueRequested, createEvent } from '@saga/contracts';
import {
  AdmissionOutcome,
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
import { PendingRequestRecorder } from './pending-request-recorder';
import { SingleFlight } from './single-flight';

export interface RequestCouponIssueCommand {
  couponId: string;
  userId: string;
}

const MAX_REBUILD_ROUNDS = 3;

/**
 * First-come-first-served issue request.
 *
 * 1. Redis admits atomically (one unit reserved, user recorded) or refuses; refusals never touch the DB.
 * 2. The admitted request is recorded PENDING and CouponIssueRequested is written to the outbox in ONE
 *    transaction. The design produced to Kafka directly; the outbox is used instead because the DB write
 *    is needed anyway (it is the durable request status the Redis cache is rebuilt from after a flush),
 *    only admitted requests (at most the coupon's quantity) reach it, and with the outbox a crash after
 *    the commit can no longer lose an accepted request. "Publish failed" becomes "commit failed": the
 *    reservation is rolled back and the caller gets a retryable error. Requests admitted together share
 *    a transaction (PendingRequestRecorder, group commit).
 */
export class RequestCouponIssueUseCase<Tx> {
  private readonly rebuilds = new SingleFlight<void>();
  private readonly recorder: PendingRequestRecorder<Tx>;

  constructor(
    private readonly uow: UnitOfWork<Tx>,
    private readonly requests: IssueRequestRepository<Tx>,
    private readonly admission: IssueAdmission,
    private readonly now: () => Date = () => new Date(),
    private readonly metrics: IssuanceMetrics = unrecordedIssuanceMetrics,
  ) {
    this.recorder = new PendingRequestRecorder(uow, requests);
  }

  async execute({ couponId, userId }: RequestCouponIssueCommand): Promise<void> {
    const outcome = await this.admit(couponId, userId);
    if (outcome !== 'reserved') {
      this.metrics.rejected(outcome);
      throw new IssueRequestRefusedError(outcome);
    }
    let recorded: boolean;
    try {
      recorded = await this.recorder.record(
        { couponId, userId },
        createEvent(CouponIssueRequested, {
          orderId: null,
          causationId: null,
          payload: { couponId, userId, requestedAt: this.now().toISOString() },
        }),
      );
    } catch (error) {
      await this.admission.release(couponId, userId, 'forget');
      throw new IssueTemporarilyUnavailableError(error);
    }
    if (!recorded) {
      // The cache had forgotten a request the DB knows (rebuilt while it was being committed).
      await this.admission.returnUnit(couponId);
      this.metrics.rejected('already_requested');
      throw new IssueRequestRefusedError('already_requested');
    }
    this.metrics.admitted();
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
