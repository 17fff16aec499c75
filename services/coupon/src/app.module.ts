import { DynamicModule, Module } from '@nestjs/common';
import { ConsumerHost } from '@saga/messaging';
import { consumerSettingsFromEnv } from '@saga/participant';
import { AuthModule, HealthModule, kafkaReadiness, redisReadiness, sqlReadiness } from '@saga/service-kit';
import { USER_COUPONS } from './application/ports/tokens';
import { UserCouponRepository } from './application/ports';
import { CouponInfrastructure, CouponInfrastructureOptions, SERVICE } from './infrastructure/coupon-infrastructure';
import { SqlCouponRepository } from './infrastructure/prisma/sql-coupon-repository';
import { SqlIssueRequestRepository } from './infrastructure/prisma/sql-issue-request-repository';
import { SqlOrderLedger } from './infrastructure/prisma/sql-order-ledger';
import { SqlUserCouponRepository } from './infrastructure/prisma/sql-user-coupon-repository';
import { RedisIssueAdmission } from './infrastructure/redis/redis-issue-admission';
import { CouponsController } from './interface/http/coupons.controller';
import { IssuanceController } from './interface/http/issuance.controller';
import { CONSUMER_HOST, Subscriptions } from './interface/messaging/subscriptions';
import { UseCases } from './use-cases';

/** Global so HealthModule's readiness factory can inject the connections too. */
@Module({})
class InfrastructureModule {
  static forRoot(options: CouponInfrastructureOptions): DynamicModule {
    const infra = { provide: CouponInfrastructure, useFactory: () => new CouponInfrastructure(options) };
    return { module: InfrastructureModule, global: true, providers: [infra], exports: [CouponInfrastructure] };
  }
}

@Module({})
export class AppModule {
  static forRoot(options: CouponInfrastructureOptions): DynamicModule {
    const { env, logger } = options;
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(options),
        AuthModule.forRoot({ secret: env.AUTH_JWT_SECRET }),
        HealthModule.forRootAsync({
          inject: [CouponInfrastructure],
          useFactory: (infra: CouponInfrastructure) => [
            sqlReadiness(infra.prisma),
            redisReadiness(infra.redis),
            kafkaReadiness(() => infra.kafkaProbe.listTopics()),
            infra.monitor.readiness(),
          ],
        }),
      ],
      controllers: [CouponsController, IssuanceController],
      providers: [
        { provide: USER_COUPONS, useClass: SqlUserCouponRepository },
        {
          provide: UseCases,
          inject: [CouponInfrastructure, USER_COUPONS],
          useFactory: (infra: CouponInfrastructure, userCoupons: UserCouponRepository) =>
            new UseCases({
              uow: infra.uow,
              coupons: new SqlCouponRepository(),
              userCoupons,
              ledger: new SqlOrderLedger(),
              requests: new SqlIssueRequestRepository(),
              admission: new RedisIssueAdmission(infra.redis),
            }),
        },
        {
          provide: CONSUMER_HOST,
          inject: [CouponInfrastructure],
          useFactory: (infra: CouponInfrastructure) =>
            new ConsumerHost({
              service: SERVICE,
              kafka: infra.kafka,
              uow: infra.uow,
              logger,
              ...consumerSettingsFromEnv(env),
              topicPrefix: options.topicPrefix,
              health: infra.monitor,
            }),
        },
        Subscriptions,
      ],
    };
  }
}
