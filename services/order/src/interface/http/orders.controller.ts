import { Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { AuthUser, CurrentUser, Roles, ValidationFailedException, ZodBody, ZodQuery } from '@saga/service-kit';
import { GetOrderQuery } from '../../application/get-order/get-order.query';
import { ListOrdersQuery } from '../../application/list-orders/list-orders.query';
import { PlaceOrderUseCase } from '../../application/place-order/place-order.use-case';
import { toOrderResponse } from './order.response';
import { IdempotencyKeyHeader, ListOrdersParams, PlaceOrderBody } from './place-order.body';

@Controller('orders')
export class OrdersController {
  constructor(
    private readonly placeOrder: PlaceOrderUseCase,
    private readonly getOrder: GetOrderQuery,
    private readonly listOrders: ListOrdersQuery,
  ) {}

  /** Accepts the checkout and answers at once; the saga continues asynchronously. */
  @Post()
  @HttpCode(202)
  @Roles('customer')
  async place(
    @ZodBody(PlaceOrderBody) body: PlaceOrderBody,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: { setHeader(name: string, value: string): void },
  ) {
    const key = IdempotencyKeyHeader.safeParse(rawKey);
    if (!key.success) {
      throw new ValidationFailedException([
        {
          path: 'Idempotency-Key',
          message: rawKey === undefined ? 'header is required' : key.error.issues[0]!.message,
        },
      ]);
    }
    const result = await this.placeOrder.execute({
      userId: user.id,
      idempotencyKey: key.data,
      items: body.items,
      couponId: body.couponId ?? null,
    });
    res.setHeader('Location', `/orders/${result.orderId}`);
    return { orderId: result.orderId, status: result.status };
  }

  @Get(':id')
  @Roles('customer', 'admin')
  async get(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    const order = await this.getOrder.execute(user, id);
    return toOrderResponse(order);
  }

  /** The caller's own orders, newest first. */
  @Get()
  @Roles('customer', 'admin')
  async list(@ZodQuery(ListOrdersParams) query: ListOrdersParams, @CurrentUser() user: AuthUser) {
    const page = await this.listOrders.execute({ userId: user.id, limit: query.limit, cursor: query.cursor ?? null });
    return { orders: page.orders.map(toOrderResponse), nextCursor: page.nextCursor };
  }
}
