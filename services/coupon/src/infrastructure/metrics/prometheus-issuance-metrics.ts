import { counterOf, MetricCatalog } from '@saga/metrics';
import type { IssuanceMetrics, IssueRejection } from '../../application/ports';

/** coupon_issue_requests_* and coupon_issued_total on GET /metrics. */
export class PrometheusIssuanceMetrics implements IssuanceMetrics {
  private readonly admittedTotal = counterOf(MetricCatalog.couponIssueAdmitted);
  private readonly rejectedTotal = counterOf(MetricCatalog.couponIssueRejected);
  private readonly issuedTotal = counterOf(MetricCatalog.couponIssued);

  admitted(): void {
    this.admittedTotal.inc();
  }

  rejected(reason: IssueRejection): void {
    this.rejectedTotal.inc({ reason });
  }

  issued(): void {
    this.issuedTotal.inc();
  }
}
