import { randomUUID } from 'node:crypto';
import { ApplyCoupon } from './application/apply-coupon/apply-coupon';
import { CreateCoupon } from './application/create-coupon/create-coupon';
import { FailCouponIssue } from './application/fail-coupon-issue/fail-coupon-issue';
import { GetCoupon } from './application/get-coupon/get-coupon';
import { GetIssueStatus } from './application/get-issue-status/get-issue-status';
import { GrantCoupon } from './application/grant-coupon/grant-coupon';
import { IssueCoupon } from './application/issue-coupon/issue-coupon';
import { ListMyCoupons } from './application/list-my-coupons/list-my-coupons';
import {
  CouponRepository,
  IssuanceMetrics,
  IssueAdmission,
  IssueRequestRepository,
  OrderLedger,
  UnitOfWork,
  UserCouponRepository,
} from './application/ports';
import { RequestCouponIssue } from './application/request-coupon-issue/request-coupon-issue';
import { RestoreCoupon } from './application/restore-coupon/restore-coupon';

export interface CouponPorts<Tx> {
  uow: UnitOfWork<Tx>;
  coupons: CouponRepository<Tx>;
  userCoupons: UserCouponRepository<Tx>;
  ledger: OrderLedger<Tx>;
  requests: IssueRequestRepository<Tx>;
  admission: IssueAdmission;
  /** Optional: issuance counts for GET /metrics. */
  issuanceMetrics?: IssuanceMetrics;
}

/** The composition root of the application layer: every use case, built once from the ports. */
export class UseCases {
  readonly createCoupon: CreateCoupon<any>;
  readonly grantCoupon: GrantCoupon<any>;
  readonly getCoupon: GetCoupon<any>;
  readonly listMyCoupons: ListMyCoupons<any>;
  readonly applyCoupon: ApplyCoupon<any>;
  readonly restoreCoupon: RestoreCoupon<any>;
  readonly requestCouponIssue: RequestCouponIssue<any>;
  readonly issueCoupon: IssueCoupon<any>;
  readonly failCouponIssue: FailCouponIssue<any>;
  readonly getIssueStatus: GetIssueStatus<any>;

  constructor(p: CouponPorts<any>) {
    this.createCoupon = new CreateCoupon(p.uow, p.coupons, randomUUID);
    this.grantCoupon = new GrantCoupon(p.uow, p.userCoupons, p.admission);
    this.getCoupon = new GetCoupon(p.uow, p.coupons);
    this.listMyCoupons = new ListMyCoupons(p.uow, p.userCoupons);
    this.applyCoupon = new ApplyCoupon(p);
    this.restoreCoupon = new RestoreCoupon(p.uow, p.userCoupons, p.ledger);
    this.requestCouponIssue = new RequestCouponIssue(p.uow, p.requests, p.admission, undefined, p.issuanceMetrics);
    this.issueCoupon = new IssueCoupon(p.uow, p.userCoupons, p.requests, p.admission, p.issuanceMetrics);
    this.failCouponIssue = new FailCouponIssue(p.uow, p.requests, p.admission);
    this.getIssueStatus = new GetIssueStatus(p.uow, p.requests, p.admission);
  }
}
