import { randomUUID } from 'node:crypto';
import type { DynamicModule, Provider } from '@nestjs/common';
import type { SqlExecutor } from '@saga/outbox';
import { REDIS, ServiceRuntimeModule, UNIT_OF_WORK, type ServiceRuntimeConfig } from '@saga/service-runtime';
import type { Redis } from 'ioredis';
import { ApplyCouponUseCase } from './application/apply-coupon/apply-coupon.use-case';
import { CreateCouponUseCase } from './application/create-coupon/create-coupon.use-case';
import { FailCouponIssueUseCase } from './application/fail-coupon-issue/fail-coupon-issue.use-case';
import { GetCouponQuery } from './application/get-coupon/get-coupon.query';
import { GetIssueStatusQuery } from './application/get-issue-status/get-issue-status.query';
import { GrantCouponUseCase } from './application/grant-coupon/grant-coupon.use-case';
import { IssueCouponUseCase } from './application/issue-coupon/issue-coupon.use-case';
import { ListMyCouponsQuery } from './application/list-my-coupons/list-my-coupons.query';
import type {
  CouponRepository,
  IssuanceMetrics,
  IssueAdmission,
  IssueRequestRepository,
  OrderLedger,
  UnitOfWork,
  UserCouponRepository,
} from './application/ports';
import {
  COUPONS,
  ISSUANCE_METRICS,
  ISSUE_ADMISSION,
  ISSUE_REQUESTS,
  ORDER_LEDGER,
  USER_COUPONS,
} from './application/ports/tokens';
import { RequestCouponIssueUseCase } from './application/request-coupon-issue/request-coupon-issue.use-case';
import { RestoreCouponUseCase } from './application/restore-coupon/restore-coupon.use-case';
import { SqlCouponRepository } from './infrastructure/persistence/sql-coupon-repository';
import { SqlIssueRequestRepository } from './infrastructure/persistence/sql-issue-request-repository';
import { SqlOrderLedger } from './infrastructure/persistence/sql-order-ledger';
import { SqlUserCouponRepository } from './infrastructure/persistence/sql-user-coupon-repository';
import { PrometheusIssuanceMetrics } from './infrastructure/metrics/prometheus-issuance-metrics';
import { RedisIssueAdmission } from './infrastructure/redis/redis-issue-admission';
import { CouponsController } from './interface/http/coupons.controller';
import { toHttpError } from './interface/http/domain-errors';
import { IssuanceController } from './interface/http/issuance.controller';
import { COUPON_HANDLERS } from './interface/messaging/subscriptions';

type Uow = UnitOfWork<SqlExecutor>;
type Coupons = CouponRepository<SqlExecutor>;
type UserCoupons = UserCouponRepository<SqlExecutor>;
type Requests = IssueRequestRepository<SqlExecutor>;

/** The repositories and Redis admission behind the ports, and the framework-free use cases on them. */
const providers: Provider[] = [
  { provide: COUPONS, useClass: SqlCouponRepository },
  { provide: USER_COUPONS, useClass: SqlUserCouponRepository },
  { provide: ORDER_LEDGER, useClass: SqlOrderLedger },
  { provide: ISSUE_REQUESTS, useClass: SqlIssueRequestRepository },
  { provide: ISSUE_ADMISSION, inject: [REDIS], useFactory: (redis: Redis) => new RedisIssueAdmission(redis) },
  {
    provide: CreateCouponUseCase,
    inject: [UNIT_OF_WORK, COUPONS],
    useFactory: (uow: Uow, coupons: Coupons) => new CreateCouponUseCase(uow, coupons, randomUUID),
  },
  {
    provide: GrantCouponUseCase,
    inject: [UNIT_OF_WORK, USER_COUPONS, ISSUE_ADMISSION],
    useFactory: (uow: Uow, userCoupons: UserCoupons, admission: IssueAdmission) =>
      new GrantCouponUseCase(uow, userCoupons, admission),
  },
  {
    provide: GetCouponQuery,
    inject: [UNIT_OF_WORK, COUPONS],
    useFactory: (uow: Uow, coupons: Coupons) => new GetCouponQuery(uow, coupons),
  },
  {
    provide: ListMyCouponsQuery,
    inject: [UNIT_OF_WORK, USER_COUPONS],
    useFactory: (uow: Uow, userCoupons: UserCoupons) => new ListMyCouponsQuery(uow, userCoupons),
  },
  {
    provide: ApplyCouponUseCase,
    inject: [UNIT_OF_WORK, COUPONS, USER_COUPONS, ORDER_LEDGER],
    useFactory: (uow: Uow, coupons: Coupons, userCoupons: UserCoupons, ledger: OrderLedger<SqlExecutor>) =>
      new ApplyCouponUseCase({ uow, coupons, userCoupons, ledger }),
  },
  {
    provide: RestoreCouponUseCase,
    inject: [UNIT_OF_WORK, USER_COUPONS, ORDER_LEDGER],
    useFactory: (uow: Uow, userCoupons: UserCoupons, ledger: OrderLedger<SqlExecutor>) =>
      new RestoreCouponUseCase(uow, userCoupons, ledger),
  },
  { provide: ISSUANCE_METRICS, useClass: PrometheusIssuanceMetrics },
  {
    provide: RequestCouponIssueUseCase,
    inject: [UNIT_OF_WORK, ISSUE_REQUESTS, ISSUE_ADMISSION, ISSUANCE_METRICS],
    useFactory: (uow: Uow, requests: Requests, admission: IssueAdmission, metrics: IssuanceMetrics) =>
      new RequestCouponIssueUseCase(uow, requests, admission, undefined, metrics),
  },
  {
    provide: IssueCouponUseCase,
    inject: [UNIT_OF_WORK, USER_COUPONS, ISSUE_REQUESTS, ISSUE_ADMISSION, ISSUANCE_METRICS],
    useFactory: (
      uow: Uow,
      userCoupons: UserCoupons,
      requests: Requests,
      admission: IssueAdmission,
      metrics: IssuanceMetrics,
    ) => new IssueCouponUseCase(uow, userCoupons, requests, admission, metrics),
  },
  {
    provide: FailCouponIssueUseCase,
    inject: [UNIT_OF_WORK, ISSUE_REQUESTS, ISSUE_ADMISSION],
    useFactory: (uow: Uow, requests: Requests, admission: IssueAdmission) =>
      new FailCouponIssueUseCase(uow, requests, admission),
  },
  {
    provide: GetIssueStatusQuery,
    inject: [UNIT_OF_WORK, ISSUE_REQUESTS, ISSUE_ADMISSION],
    useFactory: (uow: Uow, requests: Requests, admission: IssueAdmission) =>
      new GetIssueStatusQuery(uow, requests, admission),
  },
];

export const AppModule = {
  forRoot: (config: ServiceRuntimeConfig): DynamicModule =>
    ServiceRuntimeModule.forRoot({
      config,
      providers,
      controllers: [CouponsController, IssuanceController],
      handlers: COUPON_HANDLERS,
      domainErrors: toHttpError,
    }),
};
