import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { AuthUser, CurrentUser, NotFoundError, Roles, ZodBody, ZodValidationPipe } from '@saga/service-kit';
import { UseCases } from '../../use-cases';
import { mapped } from './domain-errors';
import { CouponIdParam, CreateCouponBody, GrantCouponBody } from './schemas';

@Controller('coupons')
export class CouponsController {
  constructor(@Inject(UseCases) private readonly useCases: UseCases) {}

  @Post()
  @Roles('admin')
  @HttpCode(201)
  create(@ZodBody(CreateCouponBody) body: CreateCouponBody) {
    return mapped(this.useCases.createCoupon.execute(body));
  }

  @Post(':id/grant')
  @Roles('admin')
  @HttpCode(201)
  async grant(
    @Param('id', new ZodValidationPipe(CouponIdParam)) couponId: string,
    @ZodBody(GrantCouponBody) body: GrantCouponBody,
  ) {
    await mapped(this.useCases.grantCoupon.execute({ couponId, userId: body.userId }));
    return { couponId, userId: body.userId, status: 'AVAILABLE' };
  }

  /** Declared before ':id' so 'mine' is never read as a coupon id. */
  @Get('mine')
  @Roles('customer')
  mine(@CurrentUser() user: AuthUser) {
    return this.useCases.listMyCoupons.execute(user.id);
  }

  @Get(':id')
  @Roles('customer', 'admin')
  async get(@Param('id') couponId: string) {
    const result = CouponIdParam.safeParse(couponId);
    if (!result.success) throw new NotFoundError(`coupon ${couponId} not found`);
    return mapped(this.useCases.getCoupon.execute(result.data));
  }
}
