import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule, HealthModule, kafkaReadiness, sqlReadiness } from '@saga/service-kit';
import type { UserConfig } from './infrastructure/config/user-config';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { KafkaProbe } from './infrastructure/kafka/kafka-probe';
import type { UserSqlClient } from './infrastructure/prisma/sql-client';
import { PRISMA } from './infrastructure/tokens';
import { HttpModule } from './interface/http/http.module';
import { SubscriptionsModule } from './interface/messaging/subscriptions';

@Module({})
export class AppModule {
  static forRoot(config: UserConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config),
        AuthModule.forRoot({ secret: config.jwtSecret }),
        HealthModule.forRootAsync({
          inject: [PRISMA, KafkaProbe],
          useFactory: (prisma: UserSqlClient, kafka: KafkaProbe) => [
            sqlReadiness(prisma),
            kafkaReadiness(() => kafka.listTopics()),
          ],
        }),
        HttpModule,
        SubscriptionsModule,
      ],
    };
  }
}
