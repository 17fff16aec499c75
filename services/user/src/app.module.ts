import type { DynamicModule, Provider } from '@nestjs/common';
import type { SqlExecutor, UnitOfWork } from '@saga/outbox';
import { SQL_CLIENT, ServiceRuntimeModule, UNIT_OF_WORK, type ServiceRuntimeConfig } from '@saga/service-runtime';
import { CreateUserUseCase } from './application/create-user/create-user.use-case';
import { DebitBalanceUseCase } from './application/debit-balance/debit-balance.use-case';
import { GetUserQuery } from './application/get-user/get-user.query';
import {
  USER_READ_MODEL,
  WALLET_UNIT_OF_WORK,
  type UserReadModel,
  type WalletUnitOfWork,
} from './application/ports/wallet-unit-of-work';
import { RefundPaymentUseCase } from './application/refund-payment/refund-payment.use-case';
import { TopUpBalanceUseCase } from './application/top-up-balance/top-up-balance.use-case';
import { SqlUserReadModel } from './infrastructure/persistence/sql-user-read-model';
import { SqlWalletUnitOfWork } from './infrastructure/persistence/sql-wallet-unit-of-work';
import { toHttpError } from './interface/http/domain-errors';
import { UsersController } from './interface/http/users.controller';
import { USER_HANDLERS } from './interface/messaging/subscriptions';

const writes = [DebitBalanceUseCase, RefundPaymentUseCase, CreateUserUseCase, TopUpBalanceUseCase];

/** Adapters on the runtime's unit of work and pool, and the framework-free use cases on the adapters. */
const providers: Provider[] = [
  {
    provide: WALLET_UNIT_OF_WORK,
    inject: [UNIT_OF_WORK],
    useFactory: (uow: UnitOfWork<SqlExecutor>) => new SqlWalletUnitOfWork(uow),
  },
  { provide: USER_READ_MODEL, inject: [SQL_CLIENT], useFactory: (sql: SqlExecutor) => new SqlUserReadModel(sql) },
  ...writes.map((UseCase) => ({
    provide: UseCase,
    inject: [WALLET_UNIT_OF_WORK],
    useFactory: (uow: WalletUnitOfWork) => new UseCase(uow),
  })),
  {
    provide: GetUserQuery,
    inject: [USER_READ_MODEL],
    useFactory: (readModel: UserReadModel) => new GetUserQuery(readModel),
  },
];

export const AppModule = {
  forRoot: (config: ServiceRuntimeConfig): DynamicModule =>
    ServiceRuntimeModule.forRoot({
      config,
      providers,
      controllers: [UsersController],
      domainErrors: toHttpError,
      handlers: USER_HANDLERS,
    }),
};
