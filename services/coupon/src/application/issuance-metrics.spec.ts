import { IssuanceMetrics, IssueRejection } from './ports';
import { IssueCouponUseCase } from './issue-coupon/issue-coupon.use-case';
import { RequestCouponIssueUseCase } from './request-coupon-issue/request-coupon-issue.use-case';
import { InMemoryAdmission, InMemoryDatabase } from './testing/in-memory';

class RecordingIssuanceMetrics implements IssuanceMetrics {
  readonly recorded: string[] = [];
  admitted(): void {
    this.recorded.push('admitted');
  }
  rejected(reason: IssueRejection): void {
    this.recorded.push(`rejected:${reason}`);
  }
  issued(): void {
    this.recorded.push('issued');
  }
}

describe('issuance metrics through the IssuanceMetrics port', () => {
  let db: InMemoryDatabase;
  let metrics: RecordingIssuanceMetrics;
  let request: RequestCouponIssueUseCase<unknown>;
  let issue: IssueCouponUseCase<unknown>;

  beforeEach(async () => {
    db = new InMemoryDatabase();
    const admission = new InMemoryAdmission();
    metrics = new RecordingIssuanceMetrics();
    request = new RequestCouponIssueUseCase(db, db, admission, undefined, metrics);
    issue = new IssueCouponUseCase(db, db, db, admission, metrics);
    await db.create({}, { id: 'FCFS', name: 'f', discountType: 'FIXED', discountValue: 100, totalQuantity: 1 });
  });

  it('counts admitted, rejected by reason and issued', async () => {
    await request.execute({ couponId: 'FCFS', userId: 'u1' });
    await request.execute({ couponId: 'FCFS', userId: 'u1' }).catch(() => undefined);
    await request.execute({ couponId: 'FCFS', userId: 'u2' }).catch(() => undefined);
    expect(metrics.recorded).toEqual(['admitted', 'issued', 'rejected:already_requested', 'rejected:sold_out']);
  });

  it('does not count a redelivered request left PENDING by an earlier version twice', async () => {
    db.leavePending('FCFS', 'early');
    await issue.execute({ couponId: 'FCFS', userId: 'early' });
    await issue.execute({ couponId: 'FCFS', userId: 'early' });
    expect(metrics.recorded).toEqual(['issued']);
  });
});
