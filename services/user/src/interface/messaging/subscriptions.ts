import { Inject, Injectable, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConsumerHost } from '@saga/messaging';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { USER_CONFIG, type UserConfig } from '../../infrastructure/config/user-config';
import { KAFKA, LOGGER, UNIT_OF_WORK } from '../../infrastructure/tokens';
import { UseCasesModule } from '../../use-cases.module';
import { DebitBalanceOnPaymentRequested } from './DebitBalanceOnPaymentRequested';
import { RefundPaymentOnOrderProcessingFailed } from './RefundPaymentOnOrderProcessingFailed';

/**
 * Every subscription of the user service, each its own consumer group `user.<Handler>`.
 * order.payment.fail is not consumed: user emits it itself, after recording the rejected payment.
 */
const HANDLERS = [DebitBalanceOnPaymentRequested, RefundPaymentOnOrderProcessingFailed];

@Injectable()
class UserConsumers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly host: ConsumerHost;

  constructor(
    @Inject(USER_CONFIG) private readonly config: UserConfig,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(UNIT_OF_WORK) uow: ConstructorParameters<typeof ConsumerHost>[0]['uow'],
    @Inject(LOGGER) logger: Logger,
    debit: DebitBalanceOnPaymentRequested,
    refund: RefundPaymentOnOrderProcessingFailed,
  ) {
    this.host = new ConsumerHost({
      service: config.service,
      kafka,
      uow,
      logger,
      retry: config.retry,
      partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
      commitIntervalMs: config.commitIntervalMs,
      topicPrefix: config.topicPrefix,
    });
    this.host.register(debit, refund);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.consumersEnabled) await this.host.start();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.config.consumersEnabled) await this.host.stop();
  }
}

@Module({ imports: [UseCasesModule], providers: [...HANDLERS, UserConsumers] })
export class SubscriptionsModule {}
