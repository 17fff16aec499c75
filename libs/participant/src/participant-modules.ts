import type { DynamicModule } from '@nestjs/common';
import type { PgSqlClient } from '@saga/outbox';
import { AuthModule, DependencyMonitor, HealthModule, kafkaReadiness, sqlReadiness } from '@saga/service-kit';
import { KafkaProbe } from './kafka/kafka-probe';
import {
  ParticipantInfrastructureModule,
  type ParticipantInfrastructureOptions,
} from './participant-infrastructure.module';
import { DEPENDENCY_MONITOR, SQL_CLIENT } from './tokens';

/**
 * What a participant's AppModule imports first, before its HTTP and subscription modules: the shared
 * infrastructure, JWT auth and `/health` (ready = PostgreSQL `SELECT 1` + Kafka `listTopics` + every
 * consumer group joined and the outbox relay working, as reported to the DependencyMonitor).
 */
export function participantModules(options: ParticipantInfrastructureOptions): DynamicModule[] {
  return [
    ParticipantInfrastructureModule.forRoot(options),
    AuthModule.forRoot({ secret: options.config.jwtSecret }),
    HealthModule.forRootAsync({
      inject: [SQL_CLIENT, KafkaProbe, DEPENDENCY_MONITOR],
      useFactory: (sql: PgSqlClient, kafka: KafkaProbe, monitor: DependencyMonitor) => [
        sqlReadiness(sql),
        kafkaReadiness(() => kafka.listTopics()),
        monitor.readiness(),
      ],
    }),
  ];
}
