import { Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { Roles, ZodBody, ZodQuery } from '@saga/service-kit';
import { CreateProductUseCase } from '../../application/create-product/create-product.use-case';
import { GetProductQuery } from '../../application/get-product/get-product.query';
import { GetProductSalesQuery } from '../../application/get-product-sales/get-product-sales.query';
import { ListProductsQuery } from '../../application/list-products/list-products.query';
import { UpdateProductUseCase } from '../../application/update-product/update-product.use-case';
import { CreateProductRequest, ListProductsRequest, UpdateProductRequest } from './product-requests';

/** Every route needs a valid token (global JwtAuthGuard); writes and sales figures are admin-only. */
@Controller('products')
export class ProductsController {
  constructor(
    private readonly createProduct: CreateProductUseCase,
    private readonly updateProduct: UpdateProductUseCase,
    private readonly getProduct: GetProductQuery,
    private readonly listProducts: ListProductsQuery,
    private readonly getSales: GetProductSalesQuery,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  create(@ZodBody(CreateProductRequest) body: CreateProductRequest) {
    return this.createProduct.execute(body);
  }

  @Get()
  list(@ZodQuery(ListProductsRequest) query: ListProductsRequest) {
    return this.listProducts.execute({ limit: query.limit, after: query.after ?? null });
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.getProduct.execute(id);
  }

  @Patch(':id')
  @Roles('admin')
  update(@Param('id') id: string, @ZodBody(UpdateProductRequest) body: UpdateProductRequest) {
    return this.updateProduct.execute({ productId: id, changes: body });
  }

  @Get(':id/sales')
  @Roles('admin')
  sales(@Param('id') id: string) {
    return this.getSales.execute(id);
  }
}
