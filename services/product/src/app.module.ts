import type { DynamicModule, Provider } from '@nestjs/common';
import type { SqlExecutor, UnitOfWork } from '@saga/outbox';
import { SQL_CLIENT, ServiceRuntimeModule, UNIT_OF_WORK, type ServiceRuntimeConfig } from '@saga/service-runtime';
import { CreateProductUseCase } from './application/create-product/create-product.use-case';
import { GetProductSalesQuery } from './application/get-product-sales/get-product-sales.query';
import { GetProductQuery } from './application/get-product/get-product.query';
import { ListProductsQuery } from './application/list-products/list-products.query';
import type { InventoryUnitOfWork } from './application/ports/inventory-unit-of-work';
import {
  INVENTORY_UNIT_OF_WORK,
  PRODUCT_READ_MODEL,
  type ProductReadModel,
} from './application/ports/product-read-model';
import { RecordSalesUseCase } from './application/record-sales/record-sales.use-case';
import { ReleaseStockUseCase } from './application/release-stock/release-stock.use-case';
import { ReserveStockUseCase } from './application/reserve-stock/reserve-stock.use-case';
import { UpdateProductUseCase } from './application/update-product/update-product.use-case';
import { SqlInventoryUnitOfWork } from './infrastructure/persistence/sql-inventory-unit-of-work';
import { SqlProductReadModel } from './infrastructure/persistence/sql-product-read-model';
import { toHttpError } from './interface/http/domain-errors';
import { ProductsController } from './interface/http/products.controller';
import { PRODUCT_HANDLERS } from './interface/messaging/subscriptions';

const writes = [
  ReserveStockUseCase,
  ReleaseStockUseCase,
  RecordSalesUseCase,
  CreateProductUseCase,
  UpdateProductUseCase,
];
const reads = [GetProductQuery, ListProductsQuery, GetProductSalesQuery];

/** Adapters on the runtime's unit of work and pool, and the framework-free use cases on the adapters. */
const providers: Provider[] = [
  {
    provide: INVENTORY_UNIT_OF_WORK,
    inject: [UNIT_OF_WORK],
    useFactory: (uow: UnitOfWork<SqlExecutor>) => new SqlInventoryUnitOfWork(uow),
  },
  { provide: PRODUCT_READ_MODEL, inject: [SQL_CLIENT], useFactory: (sql: SqlExecutor) => new SqlProductReadModel(sql) },
  ...writes.map((UseCase) => ({
    provide: UseCase,
    inject: [INVENTORY_UNIT_OF_WORK],
    useFactory: (uow: InventoryUnitOfWork) => new UseCase(uow),
  })),
  ...reads.map((Query) => ({
    provide: Query,
    inject: [PRODUCT_READ_MODEL],
    useFactory: (readModel: ProductReadModel) => new Query(readModel),
  })),
];

export const AppModule = {
  forRoot: (config: ServiceRuntimeConfig): DynamicModule =>
    ServiceRuntimeModule.forRoot({
      config,
      providers,
      controllers: [ProductsController],
      domainErrors: toHttpError,
      handlers: PRODUCT_HANDLERS,
    }),
};
