import { Module } from '@nestjs/common';
import { CreateProductUseCase } from './application/create-product/create-product.use-case';
import { GetProductQuery } from './application/get-product/get-product.query';
import { GetProductSalesQuery } from './application/get-product-sales/get-product-sales.query';
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

const writes = [
  ReserveStockUseCase,
  ReleaseStockUseCase,
  RecordSalesUseCase,
  CreateProductUseCase,
  UpdateProductUseCase,
];
const reads = [GetProductQuery, ListProductsQuery, GetProductSalesQuery];

/** The use cases are framework-free classes; this is where they meet their adapters. */
@Module({
  providers: [
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
  ],
  exports: [...writes, ...reads],
})
export class UseCasesModule {}
