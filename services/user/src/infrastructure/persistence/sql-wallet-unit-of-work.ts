import type { SqlExecutor, UnitOfWork } from '@saga/outbox';
import { SqlOrderGuard } from '@saga/service-runtime';
import type { WalletTx, WalletUnitOfWork } from '../../application/ports/wallet-unit-of-work';
import { SqlAccountStore } from './sql-account-store';
import { SqlPaymentStore } from './sql-payment-store';

/** The wallet ports over one PostgreSQL transaction (joining a consumer's, via @saga/outbox). */
export class SqlWalletUnitOfWork implements WalletUnitOfWork {
  constructor(private readonly uow: UnitOfWork<SqlExecutor>) {}

  run<T>(work: (tx: WalletTx) => Promise<T>): Promise<T> {
    return this.uow.run((tx, outbox) =>
      work({
        orders: new SqlOrderGuard(tx),
        accounts: new SqlAccountStore(tx),
        payments: new SqlPaymentStore(tx),
        outbox,
      }),
    );
  }
}
