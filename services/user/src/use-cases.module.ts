import { Module } from '@nestjs/common';
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

const writes = [DebitBalanceUseCase, RefundPaymentUseCase, CreateUserUseCase, TopUpBalanceUseCase];

/** The use cases are framework-free classes; this is where they meet their adapters. */
@Module({
  providers: [
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
  ],
  exports: [...writes, GetUserQuery],
})
export class UseCasesModule {}
