import type { Provider } from '@nestjs/common';
import type { PgSqlClient, SqlExecutor, UnitOfWork } from '@saga/outbox';
import { SQL_CLIENT, UNIT_OF_WORK } from './tokens';

/** A service adapter over the shared unit of work, e.g. the service's own typed unit of work. */
export function unitOfWorkAdapter<T>(token: symbol, build: (uow: UnitOfWork<SqlExecutor>) => T): Provider {
  return { provide: token, inject: [UNIT_OF_WORK], useFactory: build };
}

/** A service adapter over the SQL pool, e.g. a read model outside any transaction. */
export function sqlClientAdapter<T>(token: symbol, build: (sql: PgSqlClient) => T): Provider {
  return { provide: token, inject: [SQL_CLIENT], useFactory: build };
}
